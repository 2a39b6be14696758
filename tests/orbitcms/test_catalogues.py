"""The project's own translation catalogues are complete: every string that its
code and templates mark for translation has a Dutch and a French translation
(English may keep the English msgid), and nothing is left fuzzy.

The strings are extracted by `makemessages` itself, but from a copy of each
app, so the committed catalogues are never rewritten."""

import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

APPS = [
    "coalitions",
    "commitments",
    "core",
    "home",
    "municipalities",
    "ops",
    "orbitcms",
    "recommendations",
    "search",
]
# The apps with catalogues of their own; core's strings live in the others'.
CATALOGUED = [app for app in APPS if (settings.BASE_DIR / app / "locale").is_dir()]


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def catalogue(app: str, language: str) -> polib.POFile:
    return polib.pofile(
        str(settings.BASE_DIR / app / "locale" / language / "LC_MESSAGES" / "django.po")
    )


@pytest.fixture(scope="module")
def marked_strings(tmp_path_factory) -> dict[str, set[str]]:
    """For each app, the strings its code and templates mark for translation."""
    marked = {}
    for app in APPS:
        copy = tmp_path_factory.mktemp(app) / app
        shutil.copytree(settings.BASE_DIR / app, copy, ignore=shutil.ignore_patterns("locale"))
        (copy / "locale").mkdir()
        # makemessages walks the working directory and writes to ./locale when
        # LOCALE_PATHS names nothing.
        with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[]):
            patch.chdir(copy)
            call_command("makemessages", locale=["nl"], no_location=True, verbosity=0)
        extracted = copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"
        marked[app] = {_key(entry) for entry in polib.pofile(str(extracted))}
    return marked


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_marked_string_is_in_a_catalogue(language, marked_strings):
    # Django merges the catalogues (LOCALE_PATHS first, then each app's), so a
    # template of one app may be translated in the project-wide catalogue.
    present = {
        _key(entry)
        for app in CATALOGUED
        for entry in catalogue(app, language)
        if not entry.obsolete
    }

    missing = {app: sorted(strings - present) for app, strings in marked_strings.items()}
    assert {app: strings for app, strings in missing.items() if strings} == {}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("app", CATALOGUED)
def test_no_entry_is_fuzzy_or_untranslated(app, language):
    entries = [entry for entry in catalogue(app, language) if not entry.obsolete]

    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    if language == "en":
        # An empty English msgstr shows the msgid, which is English already.
        return
    untranslated = [
        e.msgid
        for e in entries
        if not (all(e.msgstr_plural.values()) if e.msgstr_plural else e.msgstr)
    ]
    assert untranslated == []
