from django.conf import settings
from django.core.management.base import BaseCommand

from home.management.commands.ensure_admin import credentials_file


class Command(BaseCommand):
    help = "Print where the site runs, how to log in and where outgoing mail goes."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url: str, **options) -> None:
        if (path := credentials_file()).exists():
            username, password = path.read_text().split()
            login = f"{username} / {password}"
        else:
            login = "an existing superuser (created before this install)"
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            mail = f"written as files under {settings.EMAIL_FILE_PATH}/"
        else:
            mail = f"sent through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
        broker = "Redis" if settings.REDIS_URL else "the embedded filesystem broker (var/broker/)"
        lines = [
            "",
            "ORBIT CMS is starting",
            f"  site:   {url}/",
            f"  admin:  {url}/admin/   login: {login}",
            f"  mail:   {mail}",
            f"  tasks:  a Celery worker and beat on {broker}",
            "  stop:   Ctrl+C",
            "",
        ]
        self.stdout.write("\n".join(lines))
