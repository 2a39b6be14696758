"""The Coaching menu of the admin: coaching applications, coalitions, outgoing
emails and personal data, and the dashboard panel with slot usage.

Only the "ORBIT coaching" group (see the data migration) and superusers hold
the permissions these screens ask for; other editors never see personal data.
"""

from dataclasses import dataclass, field

from django.db.models import Model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from coalitions.admin_views import (
    PERSONAL_DATA_PERMISSION,
    DecisionIndexView,
    DecisionInspectView,
    DecisionView,
    PersonalDataView,
)
from coalitions.models import CoachingApplication, Coalition, OutboxEmail
from coalitions.selectors.coaching import (
    CoachingDecisionPreview,
    coaching_decision_preview,
    coaching_promotions_taken,
    coaching_slot_usage_all,
    coaching_waitlist_position,
)
from coalitions.selectors.municipality_keys import municipality_unmatched_counts
from coalitions.selectors.outbox import outbox_emails_about, outbox_summary
from coalitions.services.coaching import coaching_application_decide
from coalitions.services.coalitions import coalition_decide


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


@dataclass(frozen=True)
class DecisionPreview:
    instance: Model
    decision: str


@dataclass(frozen=True)
class DecisionOutcome:
    """What a decision did: the sentences of the success message, and the
    waitlisted applications it moved into a slot (with their slot)."""

    lines: list[str]
    promoted: list[tuple[Model, int]] = field(default_factory=list)


class DecisionViewSet(ModelViewSet):
    """A ModelViewSet whose rows change through a service's decisions: each
    row's own page offers them, and a confirmation says what each will do."""

    index_view_class = DecisionIndexView
    inspect_view_class = DecisionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    decision_labels: dict = {}

    def decisions_allowed(self, instance) -> list[str]:
        return instance.decisions_allowed()

    def decide(self, pk: int, decision: str):
        raise NotImplementedError

    def decision_name(self, instance) -> str:
        """How titles and messages name the row."""
        return str(instance)

    def decision_preview(self, instance, decision: str):
        """What the service will do, for decision_consequences and decision_outcome."""
        return DecisionPreview(instance=instance, decision=decision)

    def decision_consequences(self, preview) -> list[str]:
        raise NotImplementedError

    def decision_outcome(self, decided, preview) -> DecisionOutcome:
        return DecisionOutcome(lines=[_status_line(self.decision_name(decided), decided)])

    def standing(self, instance) -> list[tuple[str, str]]:
        """Where the row stands, shown first on its own page: (label, value)."""
        return [(_("Status"), instance.get_status_display())]

    def emails(self, instance) -> list[OutboxEmail]:
        raise NotImplementedError

    def get_common_view_kwargs(self, **kwargs):
        # construct_view passes it only to the views that have a `viewset` attribute.
        return super().get_common_view_kwargs(viewset=self, **kwargs)

    def get_urlpatterns(self):
        decide_view = self.construct_view(DecisionView, permission_policy=self.permission_policy)
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/<str:decision>/", decide_view, name="decide"),
        ]


def _status_line(name: str, decided) -> str:
    return _("%(object)s is now %(status)s.") % {
        "object": name,
        "status": decided.get_status_display(),
    }


COACHING_DECISION_SENTENCES = {
    "accept": _("%(town)s is accepted, keeps slot %(slot)s and gets an email saying so."),
    "decline": _("%(town)s gets a decline email."),
    "withdraw": _("%(town)s gets an email confirming that its application is withdrawn."),
    "spam": _(
        "%(town)s is marked as spam and gets no email; emails about it that are "
        "not sent yet are cancelled."
    ),
}
# Keyed by "first on the waitlist?".
PROMOTION_SENTENCES = {
    True: _("Slot %(slot)s goes to %(town)s, first on the waitlist, who gets an email."),
    False: _("Slot %(slot)s goes to %(town)s, next on the waitlist, who gets an email."),
}


class CoachingApplicationViewSet(DecisionViewSet):
    model = CoachingApplication
    icon = "group"
    menu_label = _("Coaching applications")
    decision_labels = CoachingApplication.DECISION_LABELS
    list_display = [
        "municipality_name",
        "coalition_name",
        "contact_name",
        "status",
        Column("slot_number", label=_("slot")),
        "language",
        "submitted_at",
    ]
    list_filter = {
        "status": ["exact"],
        "language": ["exact"],
        "municipality_name": ["icontains"],
        "submitted_at": ["date__gte", "date__lte"],
    }
    search_fields = ["municipality_name", "coalition_name", "contact_name", "email"]
    list_export = [
        "municipality_name",
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
    export_headings = {"slot_number": _("slot")}
    export_filename = "coaching-applications"
    form_fields = ["coalition_name", "contact_name", "email", "phone", "motivation"]
    inspect_view_fields = [
        "municipality_name",
        "coalition_name",
        "contact_name",
        "email",
        "phone",
        "language",
        "motivation",
        "page",
        "submitted_at",
        "decided_at",
        "notified_at",
        "privacy_consented_at",
        "anonymised_at",
    ]

    def get_index_view_kwargs(self, **kwargs):
        # The slot column (and the export's) reads each application's slot:
        # fetched with the rows, not one query per row.
        return super().get_index_view_kwargs(
            queryset=CoachingApplication.objects.select_related("slot"), **kwargs
        )

    def decide(self, pk: int, decision: str) -> CoachingApplication:
        return coaching_application_decide(application_id=pk, decision=decision)

    def decision_name(self, instance) -> str:
        return instance.municipality_name

    def decision_preview(self, instance, decision: str) -> CoachingDecisionPreview:
        return coaching_decision_preview(application=instance, decision=decision)

    def decision_consequences(self, preview: CoachingDecisionPreview) -> list[str]:
        town = preview.application.municipality_name
        lines = [
            COACHING_DECISION_SENTENCES[preview.decision]
            % {"town": town, "slot": preview.application.slot_number}
        ]
        for promotion in preview.promotions:
            text = PROMOTION_SENTENCES[promotion.waitlist_position == 1]
            lines.append(
                text
                % {"slot": promotion.slot_number, "town": promotion.application.municipality_name}
            )
        given = {promotion.slot_number for promotion in preview.promotions}
        if preview.freed_slot and preview.freed_slot not in given:
            capacity = preview.application.page.capacity
            if preview.freed_slot > capacity:
                text = _("Slot %(slot)s is above the capacity of %(capacity)s, so nobody takes it.")
            else:
                text = _(
                    "Slot %(slot)s becomes free: nobody is on the waitlist, so the next town "
                    "that applies takes it."
                )
            lines.append(text % {"slot": preview.freed_slot, "capacity": capacity})
        if preview.moving_up:
            lines.append(
                ngettext(
                    "The application behind it on the waitlist moves up one place.",
                    "The %(count)s applications behind it on the waitlist move up one place.",
                    preview.moving_up,
                )
                % {"count": preview.moving_up}
            )
        return lines

    def decision_outcome(self, decided, preview: CoachingDecisionPreview) -> DecisionOutcome:
        lines = [_status_line(decided.municipality_name, decided)]
        if preview.emails_applicant:
            lines.append(
                _("An email to %(town)s is on its way.") % {"town": decided.municipality_name}
            )
        promoted = coaching_promotions_taken(preview=preview)
        lines += [
            _("%(town)s moved up from the waitlist to slot %(slot)s and gets an email.")
            % {"town": application.municipality_name, "slot": slot}
            for application, slot in promoted
        ]
        return DecisionOutcome(lines=lines, promoted=promoted)

    def standing(self, instance) -> list[tuple[str, str]]:
        if instance.slot_id:
            place = _("Slot %(slot)s of %(capacity)s") % {
                "slot": instance.slot_number,
                "capacity": instance.page.capacity,
            }
        elif position := coaching_waitlist_position(application=instance):
            place = _("Number %(position)s on the waitlist") % {"position": position}
        else:
            place = _("No slot")
        return [*super().standing(instance), (_("Place"), place)]

    def emails(self, instance) -> list[OutboxEmail]:
        return outbox_emails_about(application=instance)


class CoalitionViewSet(DecisionViewSet):
    model = Coalition
    icon = "site"
    menu_label = _("Coalitions")
    decision_labels = Coalition.DECISION_LABELS
    list_display = [
        "municipality_name",
        "name",
        "contact_name",
        "status",
        "listing_consent",
        "language",
        "submitted_at",
    ]
    list_filter = {
        "status": ["exact"],
        "language": ["exact"],
        "municipality_name": ["icontains"],
        "listing_consent": ["exact"],
        "submitted_at": ["date__gte", "date__lte"],
    }
    search_fields = ["municipality_name", "name", "contact_name", "email"]
    list_export = [
        "municipality_name",
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
    inspect_view_fields = [
        "municipality_name",
        "name",
        "partners",
        "contact_name",
        "email",
        "phone",
        "language",
        "listing_consent",
        "submitted_at",
        "privacy_consented_at",
        "anonymised_at",
    ]

    def decide(self, pk: int, decision: str) -> Coalition:
        return coalition_decide(coalition_id=pk, decision=decision)

    def decision_consequences(self, preview: DecisionPreview) -> list[str]:
        coalition = preview.instance
        listed = coalition.status == Coalition.Status.LISTED
        names = {"name": coalition.name, "town": coalition.municipality_name}
        first = {
            "list": _("%(name)s appears on the public list of coalitions, under %(town)s."),
            "hide": _("%(name)s disappears from the public list of coalitions.")
            if listed
            else _("%(name)s stays off the public list of coalitions."),
            "spam": _(
                "%(name)s is marked as spam: it stays off the public list, and emails about "
                "it that are not sent yet are cancelled."
            ),
        }
        return [first[preview.decision] % names, _("No email is sent to the coalition.")]

    def emails(self, instance) -> list[OutboxEmail]:
        return outbox_emails_about(coalition=instance)


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


class CoachingDashboardPanel(Component):
    name = "coaching_slots"
    order = 50
    template_name = "coalitions/admin/coaching_dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "usages": coaching_slot_usage_all(),
            "outbox": outbox_summary(),
            "unmatched": municipality_unmatched_counts(),
            "applications_url": reverse("coaching_applications:index"),
            "coalitions_url": reverse("coalitions:index"),
            "outbox_url": reverse("outbox_emails:index"),
        }


def coaching_dashboard_panel_visible(user) -> bool:
    policy = ServiceOnlyPermissionPolicy(CoachingApplication, denied_actions=set())
    return policy.user_has_permission(user, "view")
