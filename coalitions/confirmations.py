"""What a visitor reads after sending a form: the outcome of the service, in
the visitor's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.services.coaching import CoachingApplicationOutcome
from coalitions.services.coalitions import CoalitionRegistration


def coaching_confirmation_text(*, outcome: CoachingApplicationOutcome) -> str:
    application = outcome.application
    if not outcome.created:
        return _(
            "An application for %(municipality)s is already registered. "
            "You do not need to apply again."
        ) % {"municipality": application.municipality_name}
    if application.slot_id:
        return _(
            "Thank you! Your application holds coaching slot %(slot)s of %(capacity)s. "
            "We have emailed you a confirmation."
        ) % {"slot": application.slot_number, "capacity": application.page.capacity}
    return ngettext(
        "Thank you! All %(capacity)s slot is taken, so your application is on the "
        "waitlist, at position %(position)s. We have emailed you a confirmation.",
        "Thank you! All %(capacity)s slots are taken, so your application is on the "
        "waitlist, at position %(position)s. We have emailed you a confirmation.",
        application.page.capacity,
    ) % {"capacity": application.page.capacity, "position": outcome.waitlist_position}


def coalition_confirmation_text(*, registration: CoalitionRegistration) -> str:
    if not registration.created:
        return _("This coalition is already registered. You do not need to sign up again.")
    return _("Thank you! ORBIT has received your coalition's sign-up and will contact you.")
