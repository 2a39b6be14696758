"""The coaching rules as a state machine: Hypothesis draws sequences of what
towns, editors, the personal-data tools and the retention task do, runs them
through the real services on the suite's database (SQLite or PostgreSQL), and
checks the promises after every step. The settings are fixed and derandomised,
so CI runs the same bounded examples every time."""

import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from coalitions.exceptions import DecisionNotAllowed
from coalitions.models import CoachingApplication, CoachingPage, CoachingSlot, OutboxEmail
from coalitions.services.coaching import (
    coaching_application_create,
    coaching_application_decide,
    coaching_page_slots_refresh,
)
from coalitions.services.personal_data import personal_data_anonymise_expired, personal_data_erase

from .conftest import translation

Status = CoachingApplication.Status
HOLDING = set(CoachingApplication.HOLDING_STATUSES)
TOWNS = ["Liège", "Sint-Niklaas", "La Louvière", "Sint Truiden", "Aalst", "Mol", "Namen", "Ieper"]
EMAILS = ["ann@example.org", "bert@example.org", "chloe@example.org"]
# The spellings one town arrives in: case, decomposed accents, an invisible
# character, other spaces than the plain one.
SPELLINGS = {
    "as is": lambda name: name,
    "upper case": str.upper,
    "decomposed": lambda name: unicodedata.normalize("NFD", name),
    "zero-width space": lambda name: name[:2] + "\u200b" + name[2:],
    "no-break spaces": lambda name: "\u00a0" + name.replace(" ", "\u00a0\u202f") + " ",
    "byte order mark": lambda name: "\ufeff" + name.lower(),
}
MAX_EXAMPLES = 30
STEPS = 20


@dataclass(frozen=True)
class Row:
    status: str
    slot: int | None
    anonymised: bool
    email: str
    submitted_at: datetime


class CoachingRules(RuleBasedStateMachine):
    examples = 0

    def __init__(self) -> None:
        super().__init__()
        type(self).examples += 1
        # Each example in a savepoint rolled back at its end: every one starts
        # from the campaign as loaded, whatever the one before did.
        self.example = transaction.atomic()
        self.example.__enter__()
        self.source = CoachingPage.objects.get(locale__language_code="nl")
        self.languages = {"nl": self.source}
        self.languages |= {code: translation(self.source, code) for code in ("fr", "en")}
        self.town_of: dict[int, str] = {}
        self.decided: tuple[int, str] | None = None
        self.before = self.snapshot()

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.example.__exit__(None, None, None)

    # --- What happens -------------------------------------------------------

    @initialize(capacity=st.integers(1, 4), towns=st.integers(0, len(TOWNS)))
    def campaign_launch(self, capacity: int, towns: int) -> None:
        """Few places, and maybe towns that applied at once: short step
        sequences then reach a waitlist, lowered capacities and promotions.
        No application exists yet when the capacity is set, so a direct update
        and a refresh do what a publish would, at a fraction of its time."""
        CoachingPage.objects.filter(pk=self.source.pk).update(capacity=capacity)
        coaching_page_slots_refresh(page=self.source)
        for town in TOWNS[:towns]:
            self.apply(town=town, spelling="as is", language="nl", email=EMAILS[0])

    @rule(
        town=st.sampled_from(TOWNS),
        spelling=st.sampled_from(sorted(SPELLINGS)),
        language=st.sampled_from(["nl", "fr", "en"]),
        email=st.sampled_from(EMAILS),
    )
    def apply(self, town: str, spelling: str, language: str, email: str) -> None:
        live = [
            pk
            for pk, row in self.current().items()
            if self.town_of.get(pk) == town and row.status != Status.SPAM
        ]
        outcome = coaching_application_create(
            page=self.languages[language],
            municipality_name=SPELLINGS[spelling](town),
            coalition_name=f"Coalitie {town}",
            contact_name="Contact",
            email=email,
            phone="",
            motivation="Samen aan de slag.",
            language=language,
            privacy_consent=True,
        )
        assert outcome.created == (not live), (town, spelling)
        if live:
            assert [outcome.application.pk] == live
        self.town_of.setdefault(outcome.application.pk, town)

    @precondition(lambda self: CoachingApplication.objects.exists())
    @rule(data=st.data(), decision=st.sampled_from(sorted(CoachingApplication.DECISIONS)))
    def decide(self, data: st.DataObject, decision: str) -> None:
        pk = data.draw(st.sampled_from(sorted(self.current())))
        application = CoachingApplication.objects.get(pk=pk)
        allowed = decision in application.decisions_allowed()
        try:
            coaching_application_decide(application_id=pk, decision=decision)
        except DecisionNotAllowed:
            assert not allowed
        else:
            assert allowed
            self.decided = (pk, decision)

    @rule(capacity=st.integers(1, 5), language=st.sampled_from(["nl", "nl", "fr", "en"]))
    def change_capacity_and_publish(self, capacity: int, language: str) -> None:
        """An editor sets the number of slots on the Dutch page, or on a
        translation, where it is ignored (the Dutch page's counts), and publishes."""
        page = CoachingPage.objects.get(pk=self.languages[language].pk)
        page.capacity = capacity
        page.save_revision().publish()

    @precondition(lambda self: CoachingApplication.objects.filter(slot__isnull=False).count() > 1)
    @rule(data=st.data())
    def lower_the_capacity_below_the_holders(self, data: st.DataObject) -> None:
        """The extra holders keep their places; nobody may join them."""
        holders = CoachingApplication.objects.filter(slot__isnull=False).count()
        self.change_capacity_and_publish(
            capacity=data.draw(st.integers(1, holders - 1)), language="nl"
        )

    def _held_within_a_cut_capacity(self) -> list[int]:
        """Holders of a slot within the capacity while more hold one than it allows."""
        capacity = CoachingPage.objects.get(pk=self.source.pk).capacity
        holders = CoachingApplication.objects.filter(slot__isnull=False)
        if holders.count() <= capacity:
            return []
        return sorted(holders.filter(slot__number__lte=capacity).values_list("pk", flat=True))

    @precondition(lambda self: self._held_within_a_cut_capacity())
    @rule(data=st.data(), decision=st.sampled_from(["decline", "withdraw", "spam"]))
    def a_holder_within_a_cut_capacity_leaves(self, data: st.DataObject, decision: str) -> None:
        """The path of a capacity cut: a place frees up, yet the holders that
        stay still fill the capacity, so nobody may move up."""
        pk = data.draw(st.sampled_from(self._held_within_a_cut_capacity()))
        coaching_application_decide(application_id=pk, decision=decision)
        self.decided = (pk, decision)

    @rule(email=st.sampled_from(EMAILS), upper=st.booleans())
    def erase(self, email: str, upper: bool) -> None:
        personal_data_erase(email=email.upper() if upper else email)

    @precondition(lambda self: CoachingApplication.objects.filter(anonymised_at=None).exists())
    @rule(data=st.data())
    def retention_period_runs_out(self, data: st.DataObject) -> None:
        contactable = sorted(pk for pk, row in self.current().items() if not row.anonymised)
        pk = data.draw(st.sampled_from(contactable))
        CoachingApplication.objects.filter(pk=pk).update(
            submitted_at=timezone.now() - timedelta(days=800)
        )
        assert personal_data_anonymise_expired().applications == 1

    # --- What must hold after every step ------------------------------------

    def current(self) -> dict[int, Row]:
        return {
            pk: Row(status, slot, anonymised_at is not None, email, submitted_at)
            for pk, status, slot, anonymised_at, email, submitted_at in (
                CoachingApplication.objects.values_list(
                    "pk", "status", "slot__number", "anonymised_at", "email", "submitted_at"
                )
            )
        }

    def snapshot(self) -> dict:
        return {
            "rows": self.current(),
            "last_email": OutboxEmail.objects.order_by("-pk").values_list("pk", flat=True).first()
            or 0,
        }

    @invariant()
    def promises_hold(self) -> None:
        rows = self.current()
        before = self.before["rows"]
        capacity = CoachingPage.objects.get(pk=self.source.pk).capacity
        holders = {pk for pk, row in rows.items() if row.status in HOLDING}
        waiting = sorted(
            (row.submitted_at, pk)
            for pk, row in rows.items()
            if row.status == Status.WAITLISTED and not row.anonymised
        )

        # A slot exactly while received or accepted; never one slot for two.
        assert all((row.slot is not None) == (row.status in HOLDING) for row in rows.values())
        assert len({rows[pk].slot for pk in holders}) == len(holders)
        # Slot rows: 1..capacity, and above it only those still held.
        free_numbers = CoachingSlot.objects.filter(page=self.source, holder__isnull=True)
        assert not free_numbers.filter(number__gt=capacity).exists()

        # Nobody takes a place while the holders fill the capacity (a lowered
        # capacity leaves the extra holders theirs); an application anonymised
        # before the step never becomes a holder.
        new_holders = {pk for pk in holders if pk not in before or before[pk].status not in HOLDING}
        if new_holders:
            assert len(holders) <= capacity, (len(holders), capacity)
        assert not any(before[pk].anonymised for pk in new_holders if pk in before)
        # No free place while an application that can be told waits.
        if len(holders) < capacity:
            assert waiting == []

        # Promotions go to the oldest waiting first, each mailed exactly once,
        # to the address the application has now.
        promoted = {pk for pk in new_holders if pk in before}
        for pk in promoted:
            assert all((rows[pk].submitted_at, pk) < still_waiting for still_waiting in waiting)
        decision_mails = OutboxEmail.objects.filter(
            pk__gt=self.before["last_email"], kind=OutboxEmail.Kind.COACHING_DECISION
        )
        expected = Counter(promoted)
        # The decided application is told, unless spam or wiped (no address left).
        if self.decided and self.decided[1] != "spam" and not rows[self.decided[0]].anonymised:
            expected[self.decided[0]] += 1
        assert Counter(decision_mails.values_list("application", flat=True)) == expected
        for pk, recipient in decision_mails.values_list("application", "recipient"):
            assert recipient == rows[pk].email
            assert not rows[pk].anonymised
        # Nothing left to send about a wiped application, nor to a wiped address.
        assert not OutboxEmail.objects.filter(application__anonymised_at__isnull=False).exists()
        assert not OutboxEmail.objects.filter(recipient__endswith="anonymised.invalid").exists()

        # One live (non-spam) application per town, however it was spelled.
        towns = Counter(self.town_of[pk] for pk, row in rows.items() if row.status != Status.SPAM)
        assert all(count == 1 for count in towns.values()), towns

        self.before = self.snapshot()
        self.decided = None


@pytest.mark.django_db
def test_the_slot_rules_hold_on_every_path(campaign):
    CoachingRules.examples = 0
    started = time.monotonic()

    run_state_machine_as_test(
        CoachingRules,
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )

    print(
        f"\nslot rules: {CoachingRules.examples} examples of up to {STEPS} steps "
        f"in {time.monotonic() - started:.1f} s"
    )
    assert CoachingRules.examples >= MAX_EXAMPLES
