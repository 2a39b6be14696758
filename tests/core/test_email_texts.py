"""The restricted template language of the editors' email texts: only the
placeholders of the email, nothing to load or include, and every mistake
caught when the text is saved, in words an editor can act on."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.email_texts import EmailKind, email_text_check, email_text_render

KIND = EmailKind(
    key="greeting",
    label="Greeting",
    placeholders={"name": "the name", "town": "the town"},
    standard=lambda: ("Hello {{ name }}", "Dear {{ name }} of {{ town }},\n"),
    sample=lambda: {"name": "An", "town": "Gent"},
)


def refusal(text: str) -> str:
    # In English, whatever language an earlier test left active.
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            email_text_check(text, KIND)
        return " ".join(refused.value.messages)


def test_placeholders_are_filled_in_and_nothing_is_escaped():
    text = "Beste {{ name }} ({{ town|upper }}) & co"

    email_text_check(text, KIND)

    filled_in = email_text_render(text, {"name": "Zoë <Z>", "town": "Gent"})
    assert filled_in == "Beste Zoë <Z> (GENT) & co"


def test_an_unknown_placeholder_is_named_with_the_ones_the_email_knows():
    message = refusal("Beste {{ naam }}")

    assert "{{ naam }}" in message
    assert "{{ name }}, {{ town }}" in message


@pytest.mark.parametrize("text", ["Beste {{ name }", "Beste {% if name %}{{ name }}"])
def test_a_half_written_placeholder_or_tag_is_explained(text):
    assert "Placeholders are written {{ name }}" in refusal(text)


@pytest.mark.parametrize(
    "text",
    ['{% include "coalitions/emails/signature.txt" %}', "{% load static %}", "{% if %}{% endif %}"],
)
def test_nothing_can_be_loaded_or_included(text):
    assert "cannot be used" in refusal(text)


def test_a_text_that_fails_with_the_sample_data_is_refused():
    assert "cannot be used" in refusal('{% extends "base.html" %}')
