"""The editors the admin journeys log in as, and the logging in itself."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import Page, expect

EDITOR_PASSWORD = "redactie-wachtwoord-2018"


@dataclass
class Account:
    user: User
    password: str


def editor_create(
    *, username: str = "redactie", groups: tuple[str, ...] = ("Moderators",)
) -> Account:
    """An ORBIT editor. "Moderators" is Wagtail's default group that may edit and
    publish pages ("Editors" may only submit for moderation); "ORBIT coaching"
    adds the coaching desk."""
    user = User.objects.create_user(username, f"{username}@orbitvzw.be", EDITOR_PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return Account(user=user, password=EDITOR_PASSWORD)


def permissions_grant(account: Account, *codenames: str) -> None:
    """Model permissions given to this one user, as an administrator would in Settings > Users."""
    account.user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def admin_log_in(page: Page, url: str, account: Account) -> None:
    page.goto(url + "/admin/login/")
    # Fields found by id, whatever language the admin speaks.
    page.locator("#id_username").fill(account.user.username)
    page.locator("#id_password").fill(account.password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(url + "/admin/")
