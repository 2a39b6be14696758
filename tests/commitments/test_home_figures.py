"""The home page counts the municipalities that adopted a recommendation in
the current cycle, and says so when the count rests on example data."""

import datetime

import pytest
from bs4 import BeautifulSoup

from commitments.services import commitment_set

pytestmark = pytest.mark.django_db


def _municipality_figure(client, path: str) -> str:
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    figures = [" ".join(li.get_text().split()) for li in soup.select(".figure-list li")]
    [figure] = [f for f in figures if "aanbeveling" in f or "recomm" in f]
    return figure


def test_the_home_page_counts_adopting_municipalities_and_marks_examples(
    client, page_cache, gent, cycle, recommendations, django_capture_on_commit_callbacks
):
    assert _municipality_figure(client, "/nl/") == "0 gemeenten met een aangenomen aanbeveling"

    adopted = {"decided_on": datetime.date(2020, 5, 4), "source_url": "https://gent.example/raad"}
    with django_capture_on_commit_callbacks(execute=True):
        # Two adopted recommendations and a promise: one municipality.
        for recommendation in recommendations[:2]:
            commitment_set(
                municipality=gent,
                recommendation=recommendation,
                cycle=cycle,
                status="council_decision",
                **adopted,
            )
        commitment_set(
            municipality=gent,
            recommendation=recommendations[2],
            cycle=cycle,
            status="promised",
            **adopted,
        )

    assert _municipality_figure(client, "/nl/") == "1 gemeente met een aangenomen aanbeveling"
    assert _municipality_figure(client, "/fr/") == "1 commune ayant adopté une recommandation"

    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(
            municipality=gent,
            recommendation=recommendations[3],
            cycle=cycle,
            status="implemented",
            is_sample=True,
            **adopted,
        )

    assert _municipality_figure(client, "/en/") == (
        "1 municipality with an adopted recommendation (example data)"
    )
