"""The emails to towns and coalitions that editors may reword in the admin
(Settings > Email texts), declared to core.email_texts. Each is one case of
one of today's templates (a confirmation with a slot or on the waitlist, a
decision, a coalition's sign-up); its standard text is that template written
with placeholders, so an editor starts from the mail as it is sent today.
The coordinator's own emails stay as they are: they list a form's fields."""

import logging
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from coalitions.models import OutboxEmail
from core.email_texts import EmailKind, email_kind_register, email_text_render
from core.selectors import email_text_edited

logger = logging.getLogger(__name__)

PLACEHOLDERS = {
    "name": _("the contact person's name"),
    "municipality": _("the municipality"),
    "coalition_name": _("the coalition's name"),
    "handbook_url": _("the address of the handbook"),
    "coalitions_url": _("the address of the network of coalitions"),
    "contact_email": _("ORBIT's contact address"),
    "site_url": _("the site's address"),
}
# The values every email to a town or coalition gets (services.outbox.email_context).
SIGNATURE_AND_LINKS = ("handbook_url", "coalitions_url", "contact_email", "site_url")
COACHING_PLACEHOLDERS = {
    **PLACEHOLDERS,
    "slot": _("the slot number"),
    "capacity": _("the number of slots"),
    "position": _("the place on the waitlist"),
}


@dataclass(frozen=True)
class EditableEmail:
    """One case of one template (`template`, under coalitions/emails/): whether
    the application holds a slot, which decision, whether the coalition is listed."""

    key: str
    label: str | Promise
    template: str
    placeholders: dict[str, str | Promise] = field(default_factory=lambda: COACHING_PLACEHOLDERS)
    holds_slot: bool = True
    decision: str = ""
    listed: bool = True

    def context(self, values: dict[str, str]) -> dict:
        """The template's context for this case, every value one of `values`."""
        return {
            **values,
            "application": SimpleNamespace(
                contact_name=values["name"],
                municipality_name=values["municipality"],
                coalition_name=values["coalition_name"],
                slot_id=1 if self.holds_slot else None,
                slot_number=values.get("slot"),
            ),
            "page": SimpleNamespace(capacity=values.get("capacity")),
            "waitlist_position": values.get("position"),
            "decision": self.decision,
            "coalition": SimpleNamespace(
                contact_name=values["name"],
                municipality_name=values["municipality"],
                name=values["coalition_name"],
                listing_consent=self.listed,
            ),
        }

    def standard(self) -> tuple[str, str]:
        """Today's subject and body, in the active language, with the placeholders."""
        context = self.context({name: "{{ " + name + " }}" for name in self.placeholders})
        return template_render(f"coalitions/emails/{self.template}", context)

    def sample(self) -> dict[str, str]:
        sample = {
            "name": "An Voorbeeld",
            "municipality": "Voorbeeldgemeente",
            "coalition_name": "Voorbeeldcoalitie",
            "handbook_url": "https://www.example.org/handbook/",
            "coalitions_url": "https://www.example.org/coalitions/",
            "contact_email": "info@example.org",
            "site_url": "https://www.example.org",
            "slot": "3",
            "capacity": "7",
            "position": "2",
        }
        return {name: sample[name] for name in self.placeholders}


EDITABLE_EMAILS = {
    email.key: email
    for email in [
        EditableEmail(
            "coaching_confirmation",
            _("Coaching: confirmation, with a slot"),
            "coaching_confirmation",
        ),
        EditableEmail(
            "coaching_waitlist",
            _("Coaching: confirmation, on the waitlist"),
            "coaching_confirmation",
            holds_slot=False,
        ),
        EditableEmail(
            "coaching_accept", _("Coaching: accepted"), "coaching_decision", decision="accept"
        ),
        EditableEmail(
            "coaching_promotion",
            _("Coaching: a slot became free (moved up from the waitlist)"),
            "coaching_decision",
            decision="promote",
        ),
        EditableEmail(
            "coaching_decline", _("Coaching: declined"), "coaching_decision", decision="decline"
        ),
        EditableEmail(
            "coaching_withdrawal",
            _("Coaching: withdrawn"),
            "coaching_decision",
            decision="withdraw",
        ),
        EditableEmail(
            "coalition_confirmation",
            _("Coalition: sign-up confirmation, to be listed"),
            "coalition_confirmation",
            placeholders=PLACEHOLDERS,
        ),
        EditableEmail(
            "coalition_confirmation_unlisted",
            _("Coalition: sign-up confirmation, not to be listed"),
            "coalition_confirmation",
            placeholders=PLACEHOLDERS,
            listed=False,
        ),
    ]
}


def template_render(template: str, context: dict) -> tuple[str, str]:
    """Subject and body of an email template (its path without the `.txt` and
    `_subject.txt` endings), in the active language."""
    subject = render_to_string(f"{template}_subject.txt", context)
    body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def email_render(*, kind: str, language: str, context: dict, template: str = "") -> tuple[str, str]:
    """Subject and body of an email of `kind` in `language`: the editors'
    wording where they wrote one (checked when they saved it), else the
    template, coalitions' own for the kind unless another app names one."""
    with override(language):
        standard = template_render(template or f"coalitions/emails/{kind}", context)
        email = editable_email_for(kind=kind, context=context)
        edited = email and email_text_edited(kind=email.key, language=language)
        if not edited:
            return standard
        values = email_values(email=email, context=context)
        try:
            subject = " ".join(email_text_render(edited.subject, values).split())
            body = email_text_render(edited.body, values).strip() + "\n"
        except Exception:
            # The check on save renders with sample values; real ones can still
            # break a text (an empty waitlist place in a filter). The mail is
            # rendered inside the visitor's application: it goes out in the
            # standard wording rather than losing the application.
            logger.exception("Email text %s (%s) failed to render", email.key, language)
            return standard
    return subject if edited.subject else standard[0], body if edited.body else standard[1]


def editable_email_for(*, kind: str, context: dict) -> EditableEmail | None:
    """Which editable email a mail of `kind` with `context` is, if any."""
    if kind == OutboxEmail.Kind.COACHING_CONFIRMATION:
        held = bool(context["application"].slot_id)
        return EDITABLE_EMAILS["coaching_confirmation" if held else "coaching_waitlist"]
    if kind == OutboxEmail.Kind.COACHING_DECISION:
        return {
            "accept": EDITABLE_EMAILS["coaching_accept"],
            "promote": EDITABLE_EMAILS["coaching_promotion"],
            "decline": EDITABLE_EMAILS["coaching_decline"],
            "withdraw": EDITABLE_EMAILS["coaching_withdrawal"],
        }.get(context["decision"])
    if kind == OutboxEmail.Kind.COALITION_CONFIRMATION:
        listed = context["coalition"].listing_consent
        return EDITABLE_EMAILS[
            "coalition_confirmation" if listed else "coalition_confirmation_unlisted"
        ]
    return None


def email_values(*, email: EditableEmail, context: dict) -> dict[str, str]:
    """The placeholders' values for one real email, from its template context."""
    application, coalition = context.get("application"), context.get("coalition")
    person = application or coalition
    values = {
        "name": person.contact_name,
        "municipality": person.municipality_name,
        "coalition_name": application.coalition_name if application else coalition.name,
        **{
            key: context[key]
            for key in ("handbook_url", "coalitions_url", "contact_email", "site_url")
        },
    }
    if application:
        values |= {
            "slot": application.slot_number or "",
            "capacity": application.page.capacity,
            "position": context.get("waitlist_position") or "",
        }
    return {name: str(values[name]) for name in email.placeholders}


def register() -> None:
    for email in EDITABLE_EMAILS.values():
        email_kind_register(
            EmailKind(
                key=email.key,
                label=email.label,
                placeholders=email.placeholders,
                standard=email.standard,
                sample=email.sample,
            )
        )
