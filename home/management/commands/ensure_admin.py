import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

CREDENTIALS_FILE = settings.VAR_DIR / "admin-credentials.txt"


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
        User.objects.create_superuser("admin", "admin@localhost", password)
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.touch(mode=0o600)
        CREDENTIALS_FILE.write_text(f"admin {password}\n")
        self.stdout.write(self.style.SUCCESS(f"Admin account created: admin / {password}"))
