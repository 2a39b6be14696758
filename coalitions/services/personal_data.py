"""Writes for personal data: the retention period and erasure on request."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from coalitions.models import CoachingApplication, CoachingPage, Coalition, OutboxEmail
from coalitions.selectors.personal_data import personal_data_emails, personal_data_holders
from coalitions.signals import coaching_slots_changed, coalition_listing_changed

from .coaching import coaching_pages_lock, coaching_slots_refresh


@dataclass(frozen=True)
class PersonalDataCount:
    applications: int
    coalitions: int
    emails: int
    # Per PersonalDataHolder of an app above this one, by its name.
    others: dict[str, int] = field(default_factory=dict)


def _anonymised_email() -> Concat:
    # One address per row, so that anonymised sign-ups of one town never
    # collide on the one-sign-up-per-contact constraint; .invalid never delivers.
    return Concat(Value("anonymised-"), Cast("pk", CharField()), Value("@anonymised.invalid"))


def personal_data_anonymise_expired(*, now: datetime | None = None) -> PersonalDataCount:
    """Wipe the contact details of applications and coalition sign-ups older
    than the retention period, and delete the emails sent about them.

    What stays answers "how many towns applied, when, with what outcome":
    municipality (a town, not a person), coalition and partner organisation
    names, language, status, slot and dates. Name, email, phone and motivation
    (free text that may say anything about anyone) go.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    wiped = {"contact_name": "", "email": _anonymised_email(), "phone": "", "anonymised_at": now}
    expired = CoachingApplication.objects.filter(
        submitted_at__lt=cutoff, anonymised_at__isnull=True
    )
    with transaction.atomic():
        # A promotion runs under its page's lock: taken here too, the rows to
        # wipe are chosen after any running promotion committed (and its mail
        # is among the emails deleted), and none starts before this commits.
        coaching_pages_lock(page_ids=expired.values_list("page_id", flat=True))
        applications = expired.all()
        coalitions = Coalition.objects.filter(submitted_at__lt=cutoff, anonymised_at__isnull=True)
        _emails_deleted, deleted_by_model = OutboxEmail.objects.filter(
            Q(application__in=applications) | Q(coalition__in=coalitions)
        ).delete()
        applications_count = applications.update(motivation="", **wiped)
        coalitions_count = coalitions.update(**wiped)
        others = {
            holder.name: holder.anonymise_before(cutoff=cutoff, now=now)
            for holder in personal_data_holders()
        }
    return PersonalDataCount(
        applications=applications_count,
        coalitions=coalitions_count,
        emails=deleted_by_model.get(OutboxEmail._meta.label, 0),
        others=others,
    )


def personal_data_erase(*, email: str) -> PersonalDataCount:
    """Delete everything stored about one email address, on that person's request.

    An application that held a slot gives it up as a decline would: under the
    page lock, and the oldest waitlisted application is promoted (and told so).
    The emails about the deleted rows go with them.
    """
    with transaction.atomic():
        applications = CoachingApplication.objects.filter(email__iexact=email)
        locked_pages = coaching_pages_lock(page_ids=applications.values_list("page_id", flat=True))
        # Read before the rows go: their towns' pages show where they stood.
        erased_towns: defaultdict[int, set[int]] = defaultdict(set)
        for page_id, town_id in applications.exclude(municipality=None).values_list(
            "page_id", "municipality_id"
        ):
            erased_towns[page_id].add(town_id)
        # Before the rows they are about: the selector finds emails through them.
        _total, email_rows = personal_data_emails(email=email).delete()
        _total, application_rows = applications.delete()
        for page in locked_pages:
            promoted = coaching_slots_refresh(page=page)
            coaching_slots_changed.send(
                sender=CoachingPage, page=page, municipality_ids=promoted | erased_towns[page.pk]
            )
        coalitions = Coalition.objects.filter(email__iexact=email)
        # Pages that list them (and the home page's count) must not outlive them.
        listed = list(coalitions.filter(status=Coalition.Status.LISTED))
        _total, coalition_rows = coalitions.delete()
        for coalition in listed:
            coalition_listing_changed.send(sender=Coalition, coalition=coalition)
        others = {holder.name: holder.erase(email=email) for holder in personal_data_holders()}
    deleted = Counter(application_rows) + Counter(coalition_rows) + Counter(email_rows)
    return PersonalDataCount(
        applications=deleted[CoachingApplication._meta.label],
        coalitions=deleted[Coalition._meta.label],
        emails=deleted[OutboxEmail._meta.label],
        others=others,
    )
