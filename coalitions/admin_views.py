"""Admin views of the coaching desk: an application's (or coalition's) own
page with the decisions that apply, a confirmation that says what a decision
will do before it is taken, listings with exports, and the personal-data screen.

The viewsets in `coalitions.viewsets` give these views their model and their
rules; every change goes through the services.
"""

import django_filters
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from coalitions.exceptions import DecisionNotAllowed
from coalitions.exports import EditorSpreadsheetExportMixin
from coalitions.forms import PersonalDataEraseForm, PersonalDataLookupForm
from coalitions.selectors.personal_data import personal_data_export, personal_data_holders
from coalitions.services.personal_data import personal_data_erase

# The audit-log action of a decision taken in the admin, and of the promotion
# from the waitlist that a decision caused (registered in wagtail_hooks).
DECISION_LOG_ACTION = "coalitions.decision"
PROMOTION_LOG_ACTION = "coalitions.promotion"


class DecisionView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Says what a decision will do (GET), then takes it through the service and
    says what it did (POST). Its title names the application or coalition."""

    permission_required = "change"
    template_name = "coalitions/admin/decision_confirm.html"
    # Given by the viewset (see DecisionViewSet).
    viewset = None

    @property
    def decision(self) -> str:
        return self.kwargs["decision"]

    def get_page_title(self):
        return _("%(decision)s: %(object)s") % {
            "decision": self.viewset.decision_labels[self.decision],
            "object": self.viewset.decision_name(self.object),
        }

    def get_page_subtitle(self):
        return None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.viewset.get_url_name("index")),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": self.inspect_url(), "label": self.viewset.decision_name(self.object)},
            # The header shows the last crumb: it names the application too.
            {"url": "", "label": self.get_page_title()},
        ]

    def inspect_url(self) -> str:
        return reverse(self.viewset.get_url_name("inspect"), args=[self.object.pk])

    def get(self, request, *args, **kwargs):
        if self.decision not in self.viewset.decisions_allowed(self.object):
            messages.error(
                request, _("That decision does not apply to %(object)s.") % {"object": self.object}
            )
            return redirect(self.inspect_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # Told afterwards against what was foreseen, so the message names the
        # application that really took the freed slot.
        preview = self.viewset.decision_preview(self.object, self.decision)
        try:
            decided = self.viewset.decide(self.object.pk, self.decision)
        except DecisionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(self.inspect_url())
        log(
            instance=decided,
            action=DECISION_LOG_ACTION,
            user=request.user,
            data={"decision": self.decision, "status": decided.status},
        )
        outcome = self.viewset.decision_outcome(decided, preview)
        for promoted, slot_number in outcome.promoted:
            log(
                instance=promoted,
                action=PROMOTION_LOG_ACTION,
                user=request.user,
                data={"slot": slot_number, "after": str(self.viewset.decision_name(decided))},
            )
        messages.success(request, " ".join(str(line) for line in outcome.lines))
        return redirect(self.inspect_url())

    def get_context_data(self, **kwargs):
        preview = self.viewset.decision_preview(self.object, self.decision)
        return super().get_context_data(
            object=self.object,
            decision_label=self.viewset.decision_labels[self.decision],
            consequences=self.viewset.decision_consequences(preview),
            cancel_url=self.inspect_url(),
            **kwargs,
        )


class MunicipalityMatchFilterSet(WagtailFilterSet):
    """The listing's filters (its `list_filter`), and the rows whose typed town
    the reference list did not match, for editors to resolve: rows from before
    the forms asked for a listed town."""

    municipality_unmatched = django_filters.BooleanFilter(
        field_name="municipality",
        lookup_expr="isnull",
        label=_("Municipality not matched"),
        widget=BooleanRadioSelect,
    )


class DecisionIndexView(EditorSpreadsheetExportMixin, IndexView):
    """The listing: each row's name opens its own page (where the decisions
    are); the decisions that apply are in its menu too."""

    viewset = None
    # Applications and coalitions alike name a town.
    base_filterset_class = MunicipalityMatchFilterSet

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # Wagtail links the first column to the edit form; the application's
        # own page is where an editor decides, so it links there.
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            **kwargs,
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        decide_url_name = self.viewset.get_url_name("decide")
        return [
            *buttons,
            *(
                MenuItem(
                    self.viewset.decision_labels[decision],
                    url=reverse(decide_url_name, args=[instance.pk, decision]),
                    priority=40 + index,
                )
                for index, decision in enumerate(self.viewset.decisions_allowed(instance))
            ),
        ]


class DecisionInspectView(InspectView):
    """An application's or coalition's own page: its fields, where it stands,
    the emails about it with their delivery state, its history, and the
    decisions that apply as buttons."""

    template_name = "coalitions/admin/decision_inspect.html"
    viewset = None

    def get_page_title(self):
        return self.viewset.decision_name(self.object)

    def get_page_subtitle(self):
        return self.object.get_status_display()

    def get_context_data(self, **kwargs):
        can_decide = self.permission_policy.user_has_permission(self.request.user, "change")
        decide_url_name = self.viewset.get_url_name("decide")
        decisions = [
            (
                self.viewset.decision_labels[decision],
                reverse(decide_url_name, args=[self.object.pk, decision]),
            )
            for decision in (self.viewset.decisions_allowed(self.object) if can_decide else [])
        ]
        return super().get_context_data(
            standing=self.viewset.standing(self.object),
            decisions=decisions,
            emails=self.viewset.emails(self.object),
            history=ModelLogEntry.objects.for_instance(self.object).select_related("user"),
            **kwargs,
        )


PERSONAL_DATA_PERMISSION = "coalitions.manage_personal_data"


class PersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    """One person's data, found by email address: shown, exported as JSON, or
    erased after an explicit confirmation. Every step is a POST, so the address
    never lands in a URL, the browser history or an access log."""

    template_name = "coalitions/admin/personal_data.html"
    page_title = _("Personal data")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERSONAL_DATA_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(lookup=PersonalDataLookupForm()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "stored" in context:
            # What the apps above this one keep, each under its own name.
            context["others_stored"] = [
                (holder.verbose_name, context["stored"][holder.name])
                for holder in personal_data_holders()
            ]
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "find")
        if action == "erase":
            return self._erase(request)
        lookup = PersonalDataLookupForm(request.POST)
        if not lookup.is_valid():
            return self.render_to_response(self.get_context_data(lookup=lookup), status=400)
        email = lookup.cleaned_data["email"]
        stored = personal_data_export(email=email)
        if action == "export":
            response = JsonResponse(
                {"email": email, **stored},
                encoder=DjangoJSONEncoder,
                json_dumps_params={"indent": 2},
            )
            response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
            return response
        return self.render_to_response(
            self.get_context_data(
                lookup=lookup,
                stored=stored,
                erase_form=PersonalDataEraseForm(initial={"email": email}),
            )
        )

    def _erase(self, request):
        erase_form = PersonalDataEraseForm(request.POST)
        if not erase_form.is_valid():
            lookup = PersonalDataLookupForm({"email": erase_form.data.get("email", "")})
            context = {"lookup": lookup, "erase_form": erase_form}
            if lookup.is_valid():
                context["stored"] = personal_data_export(email=lookup.cleaned_data["email"])
            return self.render_to_response(self.get_context_data(**context), status=400)
        deleted = personal_data_erase(email=erase_form.cleaned_data["email"])
        others = "".join(
            f" {capfirst(holder.verbose_name)}: {deleted.others[holder.name]}."
            for holder in personal_data_holders()
        )
        messages.success(
            request,
            _(
                "Deleted. Coaching applications: %(applications)s; coalitions: "
                "%(coalitions)s; emails: %(emails)s."
            )
            % {
                "applications": deleted.applications,
                "coalitions": deleted.coalitions,
                "emails": deleted.emails,
            }
            + others,
        )
        return redirect("personal_data:index")
