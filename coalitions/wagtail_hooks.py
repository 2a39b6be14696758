"""Admin screens for coalitions and coaching: lists with filters and CSV export,
decisions that call the services, and a dashboard panel with slot usage.

Only the "ORBIT coaching" group (see the data migration) and superusers hold
the permissions these screens ask for; other editors never see personal data.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from coalitions.forms import PersonalDataEraseForm, PersonalDataLookupForm
from coalitions.models import CoachingApplication, Coalition, OutboxEmail
from coalitions.selectors import (
    COACHING_DECISION_LABELS,
    COALITION_DECISION_LABELS,
    coaching_application_decisions_allowed,
    coaching_slot_usage_all,
    coalition_decisions_allowed,
    outbox_summary,
    personal_data_export,
)
from coalitions.services import (
    CoachingDecisionError,
    coaching_application_decide,
    coalition_decide,
    personal_data_erase,
)


class ServiceOnlyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except the actions that only the services may take:
    rows are created by the public forms and changed by decisions, so that slot
    counting and outbox rows are never bypassed from the admin."""

    def __init__(self, model, *, denied_actions: set[str]):
        super().__init__(model)
        self.denied_actions = denied_actions

    def user_has_permission(self, user, action):
        return action not in self.denied_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - self.denied_actions)


# Deleting an application must give its slot to the waitlist: only the
# personal-data erasure below does it, through the service.
register_permission_policy(
    CoachingApplication,
    ServiceOnlyPermissionPolicy(CoachingApplication, denied_actions={"add", "delete"}),
)
register_permission_policy(
    Coalition, ServiceOnlyPermissionPolicy(Coalition, denied_actions={"add"})
)
register_permission_policy(
    OutboxEmail, ServiceOnlyPermissionPolicy(OutboxEmail, denied_actions={"add", "change"})
)


class DecisionView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Asks to confirm a decision (GET), then takes it through the service (POST)."""

    permission_required = "change"
    template_name = "coalitions/admin/decision_confirm.html"
    labels: dict = {}
    allowed: Callable = None
    decide: Callable = None
    index_url_name = ""

    def get_page_title(self):
        return f"{self.labels[self.kwargs['decision']]}: {self.object}"

    def get(self, request, *args, **kwargs):
        if self.kwargs["decision"] not in self.allowed(self.object):
            messages.error(
                request, _("That decision does not apply to %(object)s.") % {"object": self.object}
            )
            return redirect(self.index_url_name)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            decided = self.decide(self.object.pk, self.kwargs["decision"])
        except CoachingDecisionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(object)s is now %(status)s.")
                % {"object": decided, "status": decided.get_status_display()},
            )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            decision_label=self.labels[self.kwargs["decision"]],
            cancel_url=reverse(self.index_url_name),
            **kwargs,
        )


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text_neutralise(value: Any) -> Any:
    """Text from the public forms, made inert for a spreadsheet: a leading
    apostrophe keeps `=HYPERLINK(...)` a string in the coordinator's sheet."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class DecisionIndexView(IndexView):
    """The listing, with the decisions that apply to each row in its menu."""

    decision_labels: dict = {}
    decisions_allowed: Callable = None
    decision_url_name = ""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # The XLSX export stores text cells as text already.
        if export_format == self.FORMAT_CSV:
            return spreadsheet_text_neutralise(value)
        return value

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        return [
            *buttons,
            *(
                MenuItem(
                    self.decision_labels[decision],
                    url=reverse(self.decision_url_name, args=[instance.pk, decision]),
                    priority=40 + index,
                )
                for index, decision in enumerate(self.decisions_allowed(instance))
            ),
        ]


class DecisionViewSet(ModelViewSet):
    """A ModelViewSet whose rows change through a service's decisions."""

    index_view_class = DecisionIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    decision_labels: dict = {}

    def decisions_allowed(self, instance) -> list[str]:
        raise NotImplementedError

    def decide(self, pk: int, decision: str):
        raise NotImplementedError

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            decision_labels=self.decision_labels,
            decisions_allowed=self.decisions_allowed,
            decision_url_name=self.get_url_name("decide"),
            **kwargs,
        )

    def get_urlpatterns(self):
        decide_view = DecisionView.as_view(
            model=self.model,
            labels=self.decision_labels,
            allowed=self.decisions_allowed,
            decide=self.decide,
            index_url_name=self.get_url_name("index"),
            header_icon=self.icon,
        )
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/<str:decision>/", decide_view, name="decide"),
        ]


class CoachingApplicationViewSet(DecisionViewSet):
    model = CoachingApplication
    icon = "group"
    menu_label = _("Coaching applications")
    decision_labels = COACHING_DECISION_LABELS
    list_display = [
        "municipality",
        "coalition_name",
        "contact_name",
        "status",
        Column("slot_number", label=_("slot")),
        "language",
        "submitted_at",
    ]
    list_filter = {
        "status": ["exact"],
        "municipality": ["icontains"],
        "submitted_at": ["date__gte", "date__lte"],
    }
    search_fields = ["municipality", "coalition_name", "contact_name", "email"]
    list_export = [
        "municipality",
        "coalition_name",
        "contact_name",
        "email",
        "phone",
        "motivation",
        "language",
        "status",
        "slot_number",
        "submitted_at",
        "decided_at",
        "notified_at",
        "privacy_consented_at",
    ]
    export_filename = "coaching-applications"
    form_fields = ["coalition_name", "contact_name", "email", "phone", "motivation"]
    inspect_view_fields = [
        "page",
        "municipality",
        "coalition_name",
        "contact_name",
        "email",
        "phone",
        "motivation",
        "language",
        "status",
        "slot",
        "submitted_at",
        "decided_at",
        "notified_at",
        "privacy_consented_at",
        "anonymised_at",
    ]

    def decisions_allowed(self, instance) -> list[str]:
        return coaching_application_decisions_allowed(application=instance)

    def decide(self, pk: int, decision: str) -> CoachingApplication:
        return coaching_application_decide(application_id=pk, decision=decision)


class CoalitionViewSet(DecisionViewSet):
    model = Coalition
    icon = "site"
    menu_label = _("Coalitions")
    decision_labels = COALITION_DECISION_LABELS
    list_display = [
        "municipality",
        "name",
        "contact_name",
        "status",
        "listing_consent",
        "submitted_at",
    ]
    list_filter = {"status": ["exact"], "municipality": ["icontains"], "listing_consent": ["exact"]}
    search_fields = ["municipality", "name", "contact_name", "email"]
    list_export = [
        "municipality",
        "name",
        "partners",
        "contact_name",
        "email",
        "phone",
        "language",
        "listing_consent",
        "status",
        "submitted_at",
        "privacy_consented_at",
    ]
    export_filename = "coalitions"
    form_fields = ["name", "partners", "contact_name", "email", "phone"]

    def decisions_allowed(self, instance) -> list[str]:
        return coalition_decisions_allowed(coalition=instance)

    def decide(self, pk: int, decision: str) -> Coalition:
        return coalition_decide(coalition_id=pk, decision=decision)


class OutboxEmailViewSet(ModelViewSet):
    model = OutboxEmail
    icon = "mail"
    menu_label = _("Outgoing emails")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["kind", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = {"status": ["exact"], "kind": ["exact"]}
    # Never edited (the policy denies it); the generic views still want a form.
    form_fields: list[str] = []


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
            },
        )
        return redirect("personal_data:index")


class PersonalDataMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERSONAL_DATA_PERMISSION)


class PersonalDataViewSet(ViewSet):
    icon = "user"
    menu_label = _("Personal data")
    menu_item_class = PersonalDataMenuItem

    def get_urlpatterns(self):
        return [path("", PersonalDataView.as_view(), name="index")]


class CoachingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Coaching")
    menu_icon = "group"
    menu_order = 250
    items = (
        CoachingApplicationViewSet("coaching_applications"),
        CoalitionViewSet("coalitions"),
        OutboxEmailViewSet("outbox_emails"),
        PersonalDataViewSet("personal_data"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CoachingViewSetGroup()


class CoachingDashboardPanel(Component):
    name = "coaching_slots"
    order = 50
    template_name = "coalitions/admin/coaching_dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "usages": coaching_slot_usage_all(),
            "outbox": outbox_summary(),
            "applications_url": reverse("coaching_applications:index"),
            "outbox_url": reverse("outbox_emails:index"),
        }


@hooks.register("construct_homepage_panels")
def add_coaching_panel(request, panels):
    policy = ServiceOnlyPermissionPolicy(CoachingApplication, denied_actions=set())
    if policy.user_has_permission(request.user, "view"):
        panels.append(CoachingDashboardPanel())
