import pytest
from django.core.management import CommandError, call_command

from home.management.commands.ensure_admin import credentials_file

pytestmark = pytest.mark.django_db


def test_printed_admin_account_logs_in(client, campaign, tmp_path, settings, capsys):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    printed = capsys.readouterr().out
    username, password = printed.strip().rsplit(": ", 1)[1].split(" / ")

    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert (tmp_path / "admin-credentials.txt").read_text().split() == [username, password]


def test_second_run_keeps_the_account(campaign, tmp_path, settings, capsys, django_user_model):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    call_command("ensure_admin")
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
    assert "exists" in capsys.readouterr().out
    assert credentials_file() == tmp_path / "admin-credentials.txt"


def test_no_account_is_created_when_its_password_cannot_be_kept(
    campaign, tmp_path, settings, django_user_model
):
    """As in the Docker image once, where var/ belonged to root: the account was
    created, the file could not be written and the password was lost."""
    blocked = tmp_path / "var"
    blocked.write_text("a file where the folder should be")
    settings.VAR_DIR = blocked

    with pytest.raises(CommandError, match="No admin account created: cannot write"):
        call_command("ensure_admin")

    assert not django_user_model.objects.filter(is_superuser=True).exists()
