"""The models of the coalitions app, one module per concern; the handbook's
live in its own sub-package and are registered here with the app's."""

from coalitions.handbook.models import (
    HandbookDownloadCount,
    HandbookDownloadMonth,
    HandbookPage,
    HandbookPdf,
)

from .coaching import CoachingApplication, CoachingPage, CoachingSlot
from .coalitions import Coalition, CoalitionIndexPage
from .outbox import OutboxEmail

__all__ = [
    "CoachingApplication",
    "CoachingPage",
    "CoachingSlot",
    "Coalition",
    "CoalitionIndexPage",
    "HandbookDownloadCount",
    "HandbookDownloadMonth",
    "HandbookPage",
    "HandbookPdf",
    "OutboxEmail",
]
