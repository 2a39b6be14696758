"""The Celery app: workers start with `celery -A orbitcms worker`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbitcms.settings.dev")

app = Celery("orbitcms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# wagtail-localize's job backend and its task live in the project package.
app.autodiscover_tasks(["orbitcms"], related_name="localize_jobs")
