"""How the history of an application or coalition words the audit-log entries
of the admin's decisions (registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from coalitions.models import CoachingApplication, Coalition


class DecisionLogFormatter(LogFormatter):
    label = _("Decision")

    def format_message(self, log_entry: ModelLogEntry) -> str:
        labels = {**Coalition.DECISION_LABELS, **CoachingApplication.DECISION_LABELS}
        decision = log_entry.data.get("decision", "")
        return _("Decision: %(decision)s") % {"decision": labels.get(decision, decision)}


class PromotionLogFormatter(LogFormatter):
    label = _("Moved up from the waitlist")

    def format_message(self, log_entry: ModelLogEntry) -> str:
        return _("Moved up from the waitlist to slot %(slot)s after a decision on %(town)s") % {
            "slot": log_entry.data.get("slot"),
            "town": log_entry.data.get("after"),
        }
