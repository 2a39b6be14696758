"""The editors' decisions each status allows, as the models state them; the
services refuse the others (tests/coalitions/test_services.py)."""

import pytest

from coalitions.models import CoachingApplication, Coalition

Status = CoachingApplication.Status


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Status.RECEIVED, ["accept", "decline", "withdraw", "spam"]),
        (Status.ACCEPTED, ["decline", "withdraw", "spam"]),
        (Status.WAITLISTED, ["decline", "withdraw", "spam"]),
        (Status.DECLINED, ["spam"]),
        (Status.WITHDRAWN, ["spam"]),
        (Status.SPAM, []),
    ],
)
def test_an_application_allows_the_decisions_of_its_status(status, allowed):
    assert CoachingApplication(status=status).decisions_allowed() == allowed


@pytest.mark.parametrize(
    ("status", "consent", "allowed"),
    [
        (Coalition.Status.NEW, True, ["list", "hide", "spam"]),
        (Coalition.Status.NEW, False, ["hide", "spam"]),
        (Coalition.Status.LISTED, True, ["hide", "spam"]),
        (Coalition.Status.HIDDEN, True, ["list", "spam"]),
        (Coalition.Status.HIDDEN, False, ["spam"]),
        (Coalition.Status.SPAM, True, ["list", "hide"]),
        (Coalition.Status.SPAM, False, ["hide"]),
    ],
)
def test_a_coalition_allows_every_change_but_listing_without_consent(status, consent, allowed):
    coalition = Coalition(status=status, listing_consent=consent)

    assert coalition.decisions_allowed() == allowed


@pytest.mark.parametrize("model", [CoachingApplication, Coalition])
def test_every_decision_has_a_label_and_leads_to_a_status(model):
    assert set(model.DECISION_LABELS) == set(model.DECISIONS)
    assert set(model.DECISIONS.values()) <= set(model.Status.values)
