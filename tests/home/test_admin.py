import pytest
from django.core.management import call_command

from home.management.commands.ensure_admin import CREDENTIALS_FILE

pytestmark = pytest.mark.django_db


def test_printed_admin_account_logs_in(client, campaign, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        "home.management.commands.ensure_admin.CREDENTIALS_FILE", tmp_path / "admin.txt"
    )
    call_command("ensure_admin")
    printed = capsys.readouterr().out
    username, password = printed.strip().rsplit(": ", 1)[1].split(" / ")

    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert (tmp_path / "admin.txt").read_text().split() == [username, password]


def test_second_run_keeps_the_account(campaign, tmp_path, monkeypatch, capsys, django_user_model):
    monkeypatch.setattr(
        "home.management.commands.ensure_admin.CREDENTIALS_FILE", tmp_path / "admin.txt"
    )
    call_command("ensure_admin")
    call_command("ensure_admin")
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
    assert "exists" in capsys.readouterr().out
    assert CREDENTIALS_FILE.name == "admin-credentials.txt"
