"""Pages that carry a public form, in the shape of Wagtail's `FormMixin`
(wagtail/contrib/forms/models.py): the page knows its form class, serves the
form on GET, hands a valid POST to `process_form_submission` and redirects to
itself (Post/Redirect/Get) with the confirmation as a message."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from core.selectors import privacy_page_for

FORM_PAGE_METHODS = ["GET", "HEAD", "POST"]


class PublicFormPageMixin:
    """Mixed into a Page before `Page`. Subclasses set `form_class` (a form
    with an `is_from_bot()` honeypot check) and implement
    `process_form_submission`, which saves through a service and returns the
    confirmation to show after the redirect."""

    form_class: type[forms.Form]

    def get_form(self, data: Any = None) -> forms.Form:
        return self.form_class(data)

    def get_form_context(self, request: HttpRequest) -> dict[str, Any]:
        """What the page's template shows beside the form."""
        return {}

    def process_form_submission(self, form: forms.Form) -> str:
        raise NotImplementedError

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Any other method is refused: Wagtail would otherwise answer it like a GET.
        if request.method not in FORM_PAGE_METHODS:
            return HttpResponseNotAllowed(FORM_PAGE_METHODS)
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST)
            outcome = public_form_post(
                request, form, submit=self.process_form_submission, redirect_to=self.url
            )
            if isinstance(outcome, HttpResponse):
                return outcome
            status = outcome
        else:
            form = self.get_form()
        context = {
            **self.get_context(request, *args, **kwargs),
            **self.get_form_context(request),
            "form": form,
            "privacy_page": privacy_page_for(locale=self.locale),
        }
        return TemplateResponse(request, self.get_template(request), context, status=status)


def public_form_post(
    request: HttpRequest,
    form: forms.Form,
    *,
    submit: Callable[[forms.Form], str],
    redirect_to: str,
) -> HttpResponse | int:
    """A POSTed public form: refused past the rate limit, saved by `submit`
    (which returns the confirmation) when valid and not from a bot, then a
    redirect to `redirect_to#confirmation`. Else the status to render the form
    with its errors: 429 or 400."""
    if _rate_limited(request):
        form.add_error(
            None,
            _("Too many forms were sent from your network. Please try again in a few minutes."),
        )
        return 429
    if not form.is_valid():
        return 400
    if not form.is_from_bot():
        messages.success(request, submit(form))
    return HttpResponseRedirect(redirect_to + "#confirmation")


def _rate_limited(request: HttpRequest) -> bool:
    # One budget per client across every public form of the site.
    return is_ratelimited(
        request,
        group="coalitions.public-forms",
        key="ip",
        rate=settings.COACHING_FORM_RATE,
        method="POST",
        increment=True,
    )
