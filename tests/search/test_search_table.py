"""What visitors type, and the pages they should find, in each language.

Each row is a query and the pages a reader of the campaign would call a right
answer: recommendations by number, other pages by type. A recommendation
tagged with a theme is a right answer to the theme's name and its inflections
("woningen" finds the two recommendations tagged Wonen). The rows run on the
configured database (SQLite by default, PostgreSQL with DATABASE_URL), and
test_precision_and_recall prints the figures over the whole table
(`pytest tests/search/test_search_table.py -s`).
"""

from collections.abc import Iterable

import pytest
from wagtail.models import Locale, Page

from recommendations.models import RecommendationPage
from search.selectors import search_pages

pytestmark = pytest.mark.django_db

# The pages other than recommendations, by their type.
PAGE_KEYS = {
    "HomePage": "home",
    "RecommendationIndexPage": "index",
    "HandbookPage": "handbook",
    "CoachingPage": "coaching",
    "CoalitionIndexPage": "coalitions",
    "PrivacyPage": "privacy",
}
COALITION_PAGES = {"home", "handbook", "coaching", "coalitions"}

TABLE: dict[str, list[tuple[str, set]]] = {
    "nl": [
        ("woningen", {2, 3}),
        ("woning", {2, 3}),
        ("wonen", {2, 3}),
        ("Wonen", {2, 3}),
        ("starterswoning", {2}),
        ("woningaanbod", {2}),
        ("asielzoeker", {2}),
        ("vluchteling", {2, 5}),
        ("vluchtelingen", {2, 5}),
        ("opvang", {2, 3, 9}),
        ("daklozen", {3}),
        ("dakloze gezinnen", {3}),
        ("kinderen", {3, 10}),
        ("kind", {3, 10}),
        ("jongeren", {10}),
        ("vrije tijd", {10}),
        ("mobiliteit", {10}),
        ("kinderrechten", {10}),
        ("werk", {4}),
        ("tewerkstelling", {4}),
        ("bedrijf", {4}),
        ("aanwerving", {4}),
        ("racisme", {6}),
        ("actieplan", {6}),
        ("politie", {6}),
        ("diversiteit", {1, 4, 5, 7}),
        ("participatie", {5, 7, 8}),
        ("participatieraad", {7}),
        ("kiesrecht", {8}),
        ("verkiezingen", {8}),
        ("dienstverlening", {6, 9}),
        ("migratiedienst", {9}),
        ("vreemdelingen", {9}),
        ("vreemdelingenrecht", {9}),
        ("ontwikkelingssamenwerking", {1}),
        ("samenwerking", {1}),
        ("noord-zuid", {1}),
        ("budget", {1}),
        ("speerpunt", {5}),
        ("levensbeschouwing", {5}),
        ("personeel", {6, 9}),
        ("handleiding", {"handbook", "home"}),
        ("handleidingen", {"handbook", "home"}),
        ("coalitie", COALITION_PAGES),
        ("migratiecoalities", COALITION_PAGES),
        ("begeleiding", {"coaching", "home", 3}),
        ("coaching", {"coaching", "home"}),
        ("aanbevelingen", {"home", "index"}),
        ("migratiebeleid", {"home", "index"}),
        ("privacy", {"privacy"}),
        ("persoonsgegevens", {"privacy"}),
        ("toestemming", {"privacy", "coalitions"}),
        ("klacht", {"privacy"}),
    ],
    "fr": [
        ("logement", {2, 3}),
        ("logements", {2, 3}),
        ("Logement", {2, 3}),
        ("logement de démarrage", {2}),
        ("asile", {2}),
        ("réfugiés", {2, 5}),
        ("refugies", {2, 5}),
        ("accueil", {2, 3, 9}),
        ("accueillir", {2, 3, 9}),
        ("sans-abri", {3}),
        ("familles", {3}),
        ("enfants", {3, 10}),
        ("enfant", {3, 10}),
        ("jeunes", {10}),
        ("loisirs", {10}),
        ("mobilité", {10}),
        ("emploi", {4}),
        ("travail", {4}),
        ("recrutement", {4}),
        ("entreprise", {4}),
        ("racisme", {6}),
        ("raciste", {6}),
        ("police", {6}),
        ("formations", {6}),
        ("diversité", {1, 4, 5, 7}),
        ("diversite", {1, 4, 5, 7}),
        ("participation", {5, 7, 8}),
        ("droit de vote", {8}),
        ("élections", {8}),
        ("elections", {8}),
        ("service communal", {6, 9}),
        ("étrangers", {9}),
        ("coopération au développement", {1}),
        ("budget", {1}),
        ("dialogue", {5}),
        ("vivre ensemble", {5}),
        ("personnel", {6, 9}),
        ("guide", {"handbook", "home"}),
        ("accompagnement", {"coaching", "home", 3}),
        ("coalition", COALITION_PAGES),
        ("recommandations", {"home", "index"}),
        ("confidentialité", {"privacy"}),
        ("données", {"privacy"}),
        ("plainte", {"privacy"}),
    ],
    "en": [
        ("housing", {2, 3}),
        ("house", {2, 3}),
        ("houses", {2, 3}),
        ("Housing", {2, 3}),
        ("starter homes", {2}),
        ("asylum seekers", {2}),
        ("refugee", {2, 5}),
        ("refugees", {2, 5}),
        ("shelter", {2, 3, 9}),
        ("homeless", {3}),
        ("families", {3}),
        ("children", {3, 10}),
        ("young people", {10}),
        ("leisure", {10}),
        ("mobility", {10}),
        ("work", {4}),
        ("employment", {4}),
        ("recruitment", {4}),
        ("companies", {4}),
        ("company", {4}),
        ("racism", {6}),
        ("racist", {6}),
        ("police", {6}),
        ("training", {6}),
        ("diversity", {1, 4, 5, 7}),
        ("participation", {5, 7, 8}),
        ("voting rights", {8}),
        ("vote", {8}),
        ("elections", {8}),
        ("public services", {6, 9}),
        ("foreigners", {9}),
        ("development cooperation", {1}),
        ("budget", {1}),
        ("dialogue", {5}),
        ("living together", {5}),
        ("staff", {6, 9}),
        ("handbook", {"handbook", "home"}),
        ("coaching", {"coaching", "home"}),
        ("coalitions", COALITION_PAGES),
        ("recommendations", {"home", "index"}),
        ("privacy", {"privacy"}),
        ("complaint", {"privacy"}),
    ],
}
# Rows the analysis misses, kept in the table and in its figures: the
# stemmers do not join these forms, and a query word must match.
KNOWN_MISSES = {
    ("nl", "kind"): "Snowball leaves kind and kinderen apart (rec. 3 has only kinderen)",
    ("fr", "refugies"): "unaccented, its stem (refug) is not réfugiées' (refugi)",
    ("fr", "raciste"): "Snowball leaves raciste and racisme apart",
    ("en", "racist"): "Snowball leaves racist and racism apart",
    ("en", "young people"): "rec. 10 says 'young person'",
}
ROWS = [
    pytest.param(
        language,
        query,
        expected,
        id=f"{language}-{query}",
        marks=[pytest.mark.xfail(reason=KNOWN_MISSES[language, query], strict=True)]
        if (language, query) in KNOWN_MISSES
        else [],
    )
    for language, rows in TABLE.items()
    for query, expected in rows
]
MIN_PRECISION = 0.8
MIN_RECALL = 0.95


def _key(page: Page) -> int | str:
    if isinstance(page, RecommendationPage):
        return page.number
    return PAGE_KEYS.get(type(page).__name__, type(page).__name__)


def _found(query: str, language: str) -> set:
    """Every page the site search finds for the query, over all result pages."""
    results = search_pages(
        query=query, locale=Locale.objects.get(language_code=language), page_number=1
    )
    pages: Iterable[Page] = results.paginator.object_list
    return {_key(page) for page in pages}


def _right_answers(expected: set) -> set:
    """The handbook holds the ten recommendations as a chapter: wherever a
    recommendation is a right answer, so is the handbook (not required, not
    counted against precision)."""
    if any(isinstance(key, int) for key in expected):
        return expected | {"handbook"}
    return expected


@pytest.mark.parametrize(("language", "query", "expected"), ROWS)
def test_query_finds_its_pages(db, language, query, expected):
    assert expected <= _found(query, language)


def test_precision_and_recall(campaign):
    """Over the whole table: recall is the share of the expected pages that are
    found, precision the share of the found pages that are expected."""
    figures = []
    for language, rows in TABLE.items():
        expected_total = found_total = right = found_expected = 0
        for query, expected in rows:
            found = _found(query, language)
            right_answers = _right_answers(expected)
            if not expected <= found <= right_answers:
                missed = sorted(map(str, expected - found))
                extra = sorted(map(str, found - right_answers))
                print(f"{language} {query!r}: missed {missed}, also found {extra}")
            expected_total += len(expected)
            found_total += len(found)
            right += len(found & right_answers)
            found_expected += len(found & expected)
        figures.append((language, right / max(found_total, 1), found_expected / expected_total))
    report = "; ".join(
        f"{language}: precision {precision:.2f}, recall {recall:.2f}"
        for language, precision, recall in figures
    )
    print(f"\nsearch table ({len(ROWS)} rows) — {report}")
    for _language, precision, recall in figures:
        assert precision >= MIN_PRECISION, report
        assert recall >= MIN_RECALL, report
