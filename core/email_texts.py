"""Email texts that editors may change in the admin, per language.

An app declares each kind of email it sends (`email_kind_register`): the
placeholders its text may use, its standard subject and body (the app's own
templates, today's mails), and sample values for the preview. An editor's
text is a Django template run on a restricted engine over those placeholders
only (plain strings, no objects to reach through, no tag libraries, no
templates to include); it is checked when saved, with the sample values, so a
mistake is a validation error in the form and never a failing worker.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import TextNode, VariableNode
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import override

# No loaders, no libraries: `{% include %}`, `{% extends %}` and `{% load %}`
# find nothing; the built-in tags and filters (if, for, default...) remain.
RESTRICTED_ENGINE = Engine(dirs=[], app_dirs=False, libraries={}, autoescape=False, loaders=[])


@dataclass(frozen=True)
class EmailKind:
    """One kind of email an editor may rewrite.

    `placeholders`: name → what it stands for (shown to the editor).
    `standard`: (language) → today's (subject, body), written with the placeholders.
    `sample`: sample values of the placeholders for the preview and the check.
    """

    key: str
    label: str | Promise
    placeholders: Mapping[str, str | Promise]
    standard: Callable[[], tuple[str, str]]
    sample: Callable[[], dict[str, str]]


EMAIL_KINDS: dict[str, EmailKind] = {}


def email_kind_register(kind: EmailKind) -> None:
    EMAIL_KINDS[kind.key] = kind


def email_kind_choices() -> list[tuple[str, str | Promise]]:
    return [(kind.key, kind.label) for kind in EMAIL_KINDS.values()]


def email_text_render(text: str, values: Mapping[str, str]) -> str:
    """An editor's text with the placeholders filled in."""
    return RESTRICTED_ENGINE.from_string(text).render(Context(dict(values), autoescape=False))


def _placeholder(name: str) -> str:
    return "{{ " + name + " }}"


def email_text_check(text: str, kind: EmailKind) -> None:
    """Raise a ValidationError that tells the editor what is wrong with `text`."""
    try:
        template = RESTRICTED_ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        raise ValidationError(
            _("This text cannot be used: %(error)s. Placeholders are written {{ name }}."),
            params={"error": error},
        ) from error
    # Django leaves a half-written tag as plain text: it would reach the recipient.
    texts = [node.s for node in template.nodelist.get_nodes_by_type(TextNode)]
    if any("{{" in text or "{%" in text for text in texts):
        raise ValidationError(
            _("A placeholder or tag is not closed. Placeholders are written {{ name }}.")
        )
    unknown = sorted(
        {
            node.filter_expression.var.var.split(".")[0]
            for node in template.nodelist.get_nodes_by_type(VariableNode)
            if hasattr(node.filter_expression.var, "var")
        }
        - set(kind.placeholders)
    )
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(unknown)s. This email knows: %(known)s."),
            params={
                "unknown": ", ".join(_placeholder(name) for name in unknown),
                "known": ", ".join(_placeholder(name) for name in kind.placeholders),
            },
        )
    try:
        template.render(Context(kind.sample(), autoescape=False))
    except Exception as error:  # any failure at all is the editor's to see, not the worker's
        raise ValidationError(
            _("This text cannot be used: %(error)s."), params={"error": error}
        ) from error


def email_text_standard(kind: EmailKind, language: str) -> tuple[str, str]:
    """Today's subject and body of `kind` in `language`, with placeholders."""
    with override(language):
        return kind.standard()
