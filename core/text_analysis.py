"""The language analysis behind the site search, the same on every database.

A page is indexed with, beside its text, its words analysed in its language
(SearchTermsMixin.search_terms): each word lowercased without accents, its
Snowball stem, and for Dutch the stems of its compound parts, so the index of
"starterswoningen" holds "starterswoning", "starter" and "woon" (as do
"woning", "woningen" and "wonen"). A query goes through the same analysis
(word_analyse), so what matches is decided here, in Python: the database only
compares whole words, with PostgreSQL's `simple` text-search configuration or
SQLite's FTS5, and both find the same pages.

Compounds are split against a word list with frequencies (wordfreq's Dutch
list), after Koehn and Knight (2003): a word is split into known words when
their frequencies, on average, beat the whole word's; a common word stays whole.

This module imports nothing from the project's apps: page models of every app
use it, so it lives in core, the bottom layer.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from math import log10

import snowballstemmer
from snowballstemmer.basestemmer import BaseStemmer
from wagtail.search import index

# Each content language's Snowball stemmer, and whether it writes compounds.
STEMMERS = {"nl": "dutch", "fr": "french", "en": "english"}
COMPOUNDING = {"nl"}
# A compound part is a word of at least 4 letters whose Zipf frequency (log10
# of its occurrences per billion words) is between these: rarer words are
# mostly noise in the list, more frequent ones are function words ("voor").
PART_MIN_LENGTH = 4
PART_ZIPF = (2.5, 6.2)
# A word this frequent is a word of its own ("samenwerking"), not split.
WHOLE_MAX_ZIPF = 4.0
# Suffixes the word list knows as words, which are not parts ("gemeente|lijk").
NOT_PARTS = frozenset({"lijk", "lijke", "heid", "heden", "baar", "bare", "loos", "loze", "ingen"})
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class WordAnalysis:
    # The word lowercased without accents and its stems: any of them matches.
    terms: frozenset[str]
    # The stems of its compound parts, all of which together match too.
    parts: tuple[str, ...] = ()

    @property
    def indexed(self) -> frozenset[str]:
        return self.terms | set(self.parts)

    def matches(self, indexed: frozenset[str]) -> bool:
        """Whether a word indexed as `indexed` answers this (query) word."""
        return bool(self.terms & indexed) or bool(self.parts and indexed.issuperset(self.parts))


class SearchTermsMixin:
    """Gives a page `search_terms`: the analysed words of its other search
    fields and of `search_extra_texts`, for `index.SearchField("search_terms")`."""

    def search_extra_texts(self) -> list[str]:
        """Text to find the page by that is not in its own fields."""
        return []

    def search_terms(self) -> str:
        texts = [
            _text(field.get_value(self))
            for field in self.get_search_fields()
            if isinstance(field, index.SearchField) and field.field_name != "search_terms"
        ]
        return text_analyse(
            text=" ".join([*texts, *self.search_extra_texts()]),
            language=self.locale.language_code,
        )


def text_words(*, text: str) -> list[str]:
    """The words of a text, lowercased; single characters left out."""
    return [w for w in WORD.findall(text.lower()) if len(w) > 1]


def text_analyse(*, text: str, language: str) -> str:
    """The index form of a text: its words' terms and parts, each once."""
    indexed: dict[str, None] = {}
    for word in text_words(text=text):
        indexed.update(dict.fromkeys(sorted(word_analyse(word=word, language=language).indexed)))
    return " ".join(indexed)


@lru_cache(maxsize=50_000)
def word_analyse(*, word: str, language: str) -> WordAnalysis:
    word = word.lower()
    stems = _stems(word, language)
    parts: tuple[str, ...] = ()
    if language in COMPOUNDING:
        split = _compound_parts(word, language)
        if len(split) > 1:
            parts = tuple(dict.fromkeys(_stems(part, language)[0] for part in split))
    terms = {_unaccented(word), *stems}
    return WordAnalysis(frozenset(term for term in terms if len(term) > 1), parts)


def _stems(word: str, language: str) -> list[str]:
    """The word's stems, unaccented, the one that stands for a compound part first.

    Dutch has two Snowball stemmers that each miss what the other finds. The
    newer one undoes spelling changes at a word's end (woningen and wonen →
    woon, bedrijven → bedrijf) but also drops a "ge" inside a word (gemeente →
    meen, begeleiding → beleid): its stem counts only when it changes no more
    than the end. The classic one (PostgreSQL's `dutch`) keeps daklozen and
    dakloze together."""
    name = STEMMERS.get(language)
    if name is None:
        return [_unaccented(word)]
    stems = [_stemmer(name).stemWord(word)]
    if language == "nl":
        if not word.startswith(stems[0][:-2]):
            stems.clear()
        stems.append(_stemmer("dutch_porter").stemWord(word))
    return [_unaccented(stem) for stem in stems]


@cache
def _stemmer(name: str) -> BaseStemmer:
    return snowballstemmer.stemmer(name)


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _compound_parts(word: str, language: str) -> tuple[str, ...]:
    """The word's parts when it is a compound of known words, else (word,)."""
    if len(word) < 2 * PART_MIN_LENGTH or _zipf(word, language) >= WHOLE_MAX_ZIPF:
        return (word,)
    return _best_split(word, language)


@lru_cache(maxsize=50_000)
def _best_split(word: str, language: str) -> tuple[str, ...]:
    """The split of `word` into parts whose mean Zipf frequency is highest
    (the geometric mean of their frequencies); the word itself counts as a
    split of one, so an unknown word with no known parts stays whole."""
    best, best_score = (word,), _zipf(word, language) if _is_part(word, language) else -1.0
    for end in range(PART_MIN_LENGTH, len(word) - PART_MIN_LENGTH + 1):
        head, rest = word[:end], _compound_parts(word[end:], language)
        # Dutch joins parts with an "s": starter-s-woning.
        for part in (head, head[:-1]) if head.endswith("s") else (head,):
            split = (part, *rest)
            if not all(_is_part(p, language) for p in split):
                continue
            score = sum(_zipf(p, language) for p in split) / len(split)
            if score > best_score:
                best, best_score = split, score
    return best


def _is_part(word: str, language: str) -> bool:
    low, high = PART_ZIPF
    return (
        len(word) >= PART_MIN_LENGTH
        and word not in NOT_PARTS
        and low <= _zipf(word, language) <= high
    )


def _zipf(word: str, language: str) -> float:
    return _frequent_words(language).get(word, 0.0)


@cache
def _frequent_words(language: str) -> dict[str, float]:
    """The Zipf frequency of every word in the language's list frequent enough
    to be a part (read once per process: about 0.2 s and a few MB)."""
    # Imported here: wordfreq costs every process 0.4 s to start, and only
    # one that indexes or searches Dutch text reads its list.
    from wordfreq import get_frequency_dict

    low, _high = PART_ZIPF
    threshold = 10 ** (low - 9)
    return {
        w: round(log10(f) + 9, 2)
        for w, f in get_frequency_dict(language, wordlist="best").items()
        if f >= threshold
    }


def _text(value: object) -> str:
    """A search field's value as text (StreamField values come as lists)."""
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    return "" if value is None else str(value)
