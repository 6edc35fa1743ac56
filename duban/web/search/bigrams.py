"""Text to index tokens: overlapping Han bigrams, Han single characters, lowercased ASCII words.

No Chinese tokenizer ships with SQLite or Debian's PostgreSQL, and word segmentation misses
sub-word queries (see shared/research/libraries.md §4), so both databases index these tokens.
Pure Python, no Django: the same function feeds the index and turns a query into a match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Han ideographs (CJK Unified, Extension A, Compatibility) and ASCII letters/digits; anything
# else separates tokens.
_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([A-Za-z0-9]+)")


def _runs(text: str) -> list[tuple[bool, str]]:
    """(is_han, run) for each run of Han characters or of ASCII letters and digits."""
    text = unicodedata.normalize("NFKC", text)
    return [(bool(m.group(1)), m.group(0).lower()) for m in _RUN.finditer(text)]


def _grams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str) -> str:
    """The indexed form: bigrams in reading order (phrases need adjacency), then each distinct
    Han character once, so one-character queries match too."""
    grams: list[str] = []
    chars: dict[str, None] = {}
    for is_han, run in _runs(text):
        if is_han:
            grams.extend(_grams(run))
            chars.update(dict.fromkeys(run))
        else:
            grams.append(run)
    return " ".join([*grams, *(c for c in chars if c not in grams)])


@dataclass(frozen=True)
class Term:
    """One whitespace-separated word of a query, as index phrases.

    `phrases` are token sequences that must each occur in order (AND between them);
    `exact` says whether matching them already means the word occurs as written; when it does
    not (the word mixes Han and ASCII runs), the caller checks the text itself as well.
    """

    word: str
    phrases: tuple[tuple[str, ...], ...]
    exact: bool
    # Other words that count as this one (the office's synonyms, search/synonyms.py): a text
    # with any of them matches.
    alternatives: tuple[Term, ...] = ()

    def with_alternatives(self, alternatives: tuple[Term, ...]) -> Term:
        return Term(self.word, self.phrases, self.exact, alternatives)

    @property
    def words(self) -> tuple[str, ...]:
        return (self.word, *(a.word for a in self.alternatives))


def parse_query(query: str) -> list[Term]:
    terms = []
    for word in query.split():
        runs = _runs(word)
        if not runs:
            continue
        phrases = tuple(tuple(_grams(run)) if is_han else (run,) for is_han, run in runs)
        terms.append(Term(word, phrases, exact=len(runs) == 1))
    return terms
