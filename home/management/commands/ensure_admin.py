import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def credentials_file() -> Path:
    return settings.VAR_DIR / "admin-credentials.txt"


class Command(BaseCommand):
    help = (
        "Create an 'admin' superuser with a random password when no superuser exists; "
        "the password is printed once and kept in var/admin-credentials.txt (mode 600)."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Admin account exists; credentials: var/admin-credentials.txt")
            return
        password = secrets.token_urlsafe(12)
        path = credentials_file()
        # The account is kept only once its password is in the file: an account
        # whose password was written nowhere would be lost.
        with transaction.atomic():
            User.objects.create_superuser("admin", "admin@localhost", password)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch(mode=0o600)
                path.write_text(f"admin {password}\n")
            except OSError as error:
                raise CommandError(
                    f"No admin account created: cannot write {path} ({error})."
                ) from error
        self.stdout.write(self.style.SUCCESS(f"Admin account created: admin / {password}"))
