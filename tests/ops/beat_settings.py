"""The test settings with beat's schedule scaled down to one run per task per
second, for the `celery beat` process the fault matrix starts and stops."""

from orbitcms.settings.test import *  # noqa: F403
from orbitcms.settings.test import CELERY_BEAT_SCHEDULE

CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": 1.0} for name, entry in CELERY_BEAT_SCHEDULE.items()
}
