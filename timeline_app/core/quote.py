"""A quotation shortened to fit its room: whole sentences first, then a clause, never mid-phrase.

`cut_points` finds where a text may be cut: after a sentence, or at the end of a clause (before
a semicolon, a colon, a lone dash, or a comma that opens a new clause: ", which", ", but", ...).
`shorten` keeps the longest run of whole sentences that fits; when not even the first sentence
fits, the longest clause; and only when not even the first clause fits, as a last resort, the
most words that fit. What is left out is marked " …" (CUT_MARK); a quotation's own elisions
(…) are text like any other.

A full stop is not a sentence's end after an abbreviation ("Dr.", "e.g.", "para."), a dotted
acronym ("U.S."), an initial ("A. Mutalibov") or in a number ("1.5"), nor when a lower-case word
follows; and no cut falls inside brackets or quotation marks. A spaced en dash (–) is not taken
for a clause's end: the sources write it as a hyphen too ("Alma – Ata", "Inter – Parliamentary").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .cite import quotation

__all__ = [
    "CUT_MARK",
    "ELLIPSIS",
    "MIN_CLAUSE_WORDS",
    "Shortened",
    "clause_ends",
    "cut_points",
    "quote_excerpt",
    "sentence_ends",
    "shorten",
    "shortening",
]

#: What marks the words left out at the end of a shortened quotation.
ELLIPSIS = "\u2026"
#: What ends a shortened text: a no-break space (the ellipsis never starts a line alone) and the ellipsis.
CUT_MARK = "\u00a0" + ELLIPSIS
#: A clause kept alone has at least this many words ("Prague, 15 May 2002 (RFE/RL) --" is a dateline).
MIN_CLAUSE_WORDS = 6

#: Abbreviations whose full stop ends no sentence (compared in lower case, without their dots).
_ABBREVIATIONS = frozenset(
    "mr mrs ms messrs dr prof st gen col lt maj sgt capt cmdr adm gov sen rep rev hon pres amb "
    "eg ie cf vs viz al approx ca no nos vol vols p pp para paras sec secs ch chap fig figs art arts "
    "ed eds op jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words that open a new clause after a comma: the comma before them ends one.
_CLAUSE_OPENERS = frozenset(
    "which who whom whose where whereas whereby while although though but yet so because".split()
)
#: After ", and": the words with which a new clause begins (a subject, or a time), not a list item.
_AND_CLAUSE = frozenset("it they he she we this these there then later".split())
#: A clause kept alone needs a verb: one of these, or a word in "-ed" ("The Executive Committee of
#: the CIS, which ..." is a subject without its verb, not a clause).
_VERBS = frozenset(
    "is are was were be been being am has have had having will would shall should can could may might "
    "must do does did became become becomes began begin begins made make makes took take takes held "
    "holds met meets left leaves came comes gave gives went goes said says set sets put led leads won "
    "lost sent brought built chose drew fought found grew kept knew meant paid ran rose sat sold spoke "
    "stood told thought wrote remains seems".split()
)

_SENTENCE_END = re.compile(r"(?<!\.)[.?!](?!\.)[\"\u201d\u2019)\]]*(?=\s|$)")
_OPENING = '"\u201c\u2018([\u2026'  # besides a capital or a digit, what a sentence may begin with
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S., e.g., U.S.S.R.
_INITIAL = re.compile(r"^[A-Z]\.$")
_SEPARATOR = re.compile(r"[;:](?=\s)|\s?\u2014\s?|\s--\s")
_COMMA = re.compile(r",\s+(\w+)(?:\s+(\w+))?")
_OPENERS, _CLOSERS = "(\u201c[", ")\u201d]"


@dataclass(frozen=True)
class Shortened:
    """A text as shown, and how it was cut: whole, at a sentence, at a clause, or at a word."""

    text: str
    how: Literal["whole", "sentence", "clause", "word"]


def sentence_ends(text: str) -> list[int]:
    """Where each sentence ends before the text's own end (just after its full stop, question or
    exclamation mark and any closing quotation mark or bracket), in order."""
    ends = []
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        rest = text[end:].lstrip()
        if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENING):
            continue
        if not _balanced(text[:end]):
            continue
        if match.group()[0] == "." and not _full_stop(text[: match.start() + 1]):
            continue
        ends.append(end)
    return ends


def _full_stop(head: str) -> bool:
    """Whether the full stop that ends `head` ends a sentence (not an abbreviation's or initial's)."""
    words = head.split()
    word = words[-1].lstrip('"\u201c\u2018([') if words else ""
    if _DOTTED.match(word) or _INITIAL.match(word):
        return False
    return word[:-1].replace(".", "").lower() not in _ABBREVIATIONS


def clause_ends(text: str) -> list[int]:
    """Where a clause ends (before its semicolon, colon, lone dash, or a comma that opens a new
    clause), leaving at least MIN_CLAUSE_WORDS words with a verb before it, outside brackets and
    quotation marks."""
    found = [match.start() for match in _SEPARATOR.finditer(text) if _lone_dash(text, match)]
    for match in _COMMA.finditer(text):
        word, after = match.group(1).lower(), (match.group(2) or "").lower()
        if word in _CLAUSE_OPENERS or (word == "and" and after in _AND_CLAUSE):
            found.append(match.start())
    ends = []
    for position in sorted(set(found)):
        kept = text[:position].rstrip()
        if len(kept.split()) >= MIN_CLAUSE_WORDS and _has_verb(kept) and _balanced(kept):
            ends.append(len(kept))
    return sorted(set(ends))


def _has_verb(text: str) -> bool:
    words = re.findall(r"\b[a-z]+\b", text)
    return any(word in _VERBS or (word.endswith("ed") and len(word) > 3) for word in words)


def _lone_dash(text: str, match: re.Match[str]) -> bool:
    """A dash ends a clause unless another dash in its sentence makes the two a parenthesis."""
    dash = match.group().strip()
    if dash in ";:":
        return True
    starts = [0, *sentence_ends(text)]
    start = max(s for s in starts if s <= match.start())
    ends = [e for e in sentence_ends(text) if e > match.start()]
    sentence = text[start : ends[0] if ends else len(text)]
    return sentence.count(dash) == 1


def _balanced(text: str) -> bool:
    """True when every bracket and quotation mark opened in `text` is closed in it. A ’ closes
    an open ‘ only when no letter follows it (else it is an apostrophe: Russia’s)."""
    depth, single, straight = 0, 0, 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif char == "\u2018":
            single += 1
        elif char == "\u2019" and single and not text[index + 1 : index + 2].isalpha():
            single -= 1
        elif char == '"':
            straight ^= 1
    return depth == 0 and single == 0 and straight == 0


def cut_points(text: str) -> list[int]:
    """Where `text` may be shortened, best first: the sentence ends in order, then the clause
    ends that are no sentence end. `text[:p]` is what a cut at p keeps."""
    sentences = sentence_ends(text)
    return sentences + [p for p in clause_ends(text) if p not in sentences]


def _elided(text: str, end: int) -> str:
    kept = text[:end].rstrip().rstrip(",;:\u2013\u2014-").rstrip()
    return kept if kept.endswith(ELLIPSIS) else kept + CUT_MARK


def _longest(text: str, ends: list[int], fits: Callable[[str], bool]) -> str | None:
    for end in sorted(ends, reverse=True):
        candidate = _elided(text, end)
        if fits(candidate):
            return candidate
    return None


def _word_ends(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<=\S)\s", text)]


def _word_cut(text: str, fits: Callable[[str], bool]) -> str:
    """The most words that fit (found by bisection: more words never fit better); one at least."""
    ends = _word_ends(text)
    low, high = 0, len(ends) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(_elided(text, ends[middle])):
            low = middle
        else:
            high = middle - 1
    return _elided(text, ends[low]) if ends else text


def shortening(text: str, fits: Callable[[str], bool]) -> Shortened:
    """The text whole when it fits; else the longest run of whole sentences that fits; else (not
    even the first sentence fits) the longest clause of the first sentence; else the most words."""
    text = text.strip()
    if fits(text):
        return Shortened(text, "whole")
    sentences = sentence_ends(text)
    kept = _longest(text, sentences, fits)
    if kept is not None:
        return Shortened(kept, "sentence")
    first = sentences[0] if sentences else len(text)
    kept = _longest(text, [p for p in clause_ends(text) if p < first], fits)
    if kept is not None:
        return Shortened(kept, "clause")
    return Shortened(_word_cut(text, fits), "word")


def shorten(text: str, fits: Callable[[str], bool]) -> str:
    """`text` shortened so that `fits` accepts it (see `shortening`), ending in CUT_MARK when cut."""
    return shortening(text, fits).text


def quote_excerpt(excerpt: str, fits: Callable[[str], bool]) -> Shortened:
    """The excerpt as `cite.quotation` gives it (readable, in quotation marks), shortened inside
    the marks; `fits` judges the text with its marks."""
    inner = quotation(excerpt)[1:-1]
    short = shortening(inner, lambda text: fits(f"\u201c{text}\u201d"))
    return Shortened(f"\u201c{short.text}\u201d", short.how)
