"""The email outbox: every email the coaching desk sends, written in the
transaction of the change it reports."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .coaching import CoachingApplication
from .coalitions import Coalition


class OutboxEmail(models.Model):
    """An email to send, written in the same transaction as the change it reports.

    Subject, body and Message-ID are fixed when the row is created, so every
    attempt sends the very same message: a mail client shows a duplicate caused
    by a worker dying mid-send as one message.
    """

    class Kind(models.TextChoices):
        COACHING_COORDINATOR = "coaching_coordinator", _("coaching application to the coordinator")
        COACHING_CONFIRMATION = "coaching_confirmation", _("coaching confirmation")
        COACHING_DECISION = "coaching_decision", _("coaching decision")
        COALITION_COORDINATOR = "coalition_coordinator", _("coalition sign-up to the coordinator")
        COALITION_CONFIRMATION = "coalition_confirmation", _("coalition sign-up confirmation")
        CORRECTION_COORDINATOR = (
            "correction_coordinator",
            _("correction to the coordinator"),
        )

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    recipient = models.EmailField(_("recipient"), max_length=254)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    application = models.ForeignKey(
        CoachingApplication,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    # What the email is about when that is a row of an app above this one (a
    # correction proposal), which this app cannot name: the owner's model
    # declares a GenericRelation to these fields, so deleting it deletes them.
    owner_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    # Not before this moment: a worker's lease while it sends, or the backoff
    # after a failure. The sweep re-enqueues pending rows well past it.
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
