"""Serving the coaching page and the coalition page: GET shows the form, POST
hands it to a service and redirects to a confirmation (Post/Redirect/Get)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from coalitions.forms import CoachingApplicationForm, CoalitionSignupForm, PublicForm
from coalitions.models import CoachingPage, CoalitionIndexPage
from coalitions.selectors import (
    coaching_slot_usage,
    coalitions_listed_by_municipality,
)
from coalitions.services import (
    CoachingApplicationOutcome,
    CoalitionRegistration,
    coaching_application_create,
    coalition_register,
)
from core.selectors import privacy_page_for

FORM_PAGE_METHODS = ["GET", "HEAD", "POST"]


def _form_page_serve(
    request: HttpRequest,
    *,
    page: Page,
    form_class: type[PublicForm],
    submit: Callable[[PublicForm, str], str],
    context: dict,
) -> HttpResponse:
    """Render `page` with its form; on a valid POST call `submit(form, language)`,
    which saves and returns the confirmation to show after the redirect.
    Any other method is refused: Wagtail would otherwise answer it like a GET."""
    if request.method not in FORM_PAGE_METHODS:
        return HttpResponseNotAllowed(FORM_PAGE_METHODS)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if is_ratelimited(
            request,
            group="coalitions.public-forms",
            key="ip",
            rate=settings.COACHING_FORM_RATE,
            method="POST",
            increment=True,
        ):
            form.add_error(
                None,
                _("Too many forms were sent from your network. Please try again in a few minutes."),
            )
            status = 429
        elif form.is_valid():
            if not form.is_from_bot():
                messages.success(request, submit(form, page.locale.language_code))
            return HttpResponseRedirect(page.url + "#confirmation")
        else:
            status = 400
    else:
        form = form_class()
    return TemplateResponse(
        request,
        page.get_template(request),
        {
            **page.get_context(request),
            **context,
            "form": form,
            "privacy_page": privacy_page_for(locale=page.locale),
        },
        status=status,
    )


def coaching_page_serve(request: HttpRequest, *, page: CoachingPage) -> HttpResponse:
    def submit(form: PublicForm, language: str) -> str:
        outcome = coaching_application_create(page=page, language=language, **form.service_data())
        return coaching_confirmation_text(outcome=outcome)

    return _form_page_serve(
        request,
        page=page,
        form_class=CoachingApplicationForm,
        submit=submit,
        context={"usage": coaching_slot_usage(page=page)},
    )


def coaching_confirmation_text(*, outcome: CoachingApplicationOutcome) -> str:
    application = outcome.application
    if not outcome.created:
        return _(
            "An application for %(municipality)s is already registered. "
            "You do not need to apply again."
        ) % {"municipality": application.municipality}
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


def coalition_index_page_serve(request: HttpRequest, *, page: CoalitionIndexPage) -> HttpResponse:
    def submit(form: PublicForm, language: str) -> str:
        registration = coalition_register(page=page, language=language, **form.service_data())
        return coalition_confirmation_text(registration=registration)

    return _form_page_serve(
        request,
        page=page,
        form_class=CoalitionSignupForm,
        submit=submit,
        context={"municipalities": coalitions_listed_by_municipality()},
    )


def coalition_confirmation_text(*, registration: CoalitionRegistration) -> str:
    if not registration.created:
        return _("This coalition is already registered. You do not need to sign up again.")
    return _("Thank you! ORBIT has received your coalition's sign-up and will contact you.")
