"""Citations to copy: an excerpt with a Chicago-style note, and a BibTeX entry for its source.

What kind of document a source is (a thesis, a report, anything else) is read from what its
description says of itself (`Source.note`), since the events file has no field for it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .dates import PartialDate
from .documents import readable
from .model import Citation, Source, Timeline

__all__ = ["bibtex", "bibtex_key", "bibtex_url", "chicago", "chicago_reference", "entry_type", "quotation"]

_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_THESIS = re.compile(r"\b(thesis|dissertation)\b", re.IGNORECASE)
_DOCTORAL = re.compile(r"\b(PhD|Ph\.D\.|doctor(al|ate)?)\b", re.IGNORECASE)
_MASTERS = re.compile(r"\b(master|M\.?A\.?|M\.?Sc\.?)\b", re.IGNORECASE)
_REPORT = re.compile(r"\breport\b", re.IGNORECASE)
_PAGES = re.compile(r"^(?:p|pp|page|pages)\.?\s*(\d[\d\s\-\u2013,]*)$", re.IGNORECASE)
_HONORIFIC = {"mr", "mrs", "ms", "miss", "dr", "prof", "mr.", "mrs.", "ms.", "dr.", "prof."}
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# what a URL may not hold as it is (RFC 3986), percent-encoded: the rest stays verbatim
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "\n": "%0A", "\t": "%09"}


def entry_type(source: Source) -> str:
    """The BibTeX entry type: 'phdthesis' or 'mastersthesis' for a thesis, 'techreport' for a
    report with a publisher, else 'misc' (press items, articles without a journal)."""
    note = source.note or ""
    if _THESIS.search(note):
        return "phdthesis" if _DOCTORAL.search(note) else "mastersthesis"
    if _REPORT.search(note) and source.publisher:
        return "techreport"
    return "misc"


# --- Chicago ------------------------------------------------------------------------------
def _chicago_date(date: PartialDate | None) -> str:
    """'May 15, 2002', 'August 2011', '2011', 'ca. 1999', '[2001?]'; 'n.d.' for an undated source."""
    if date is None:
        return "n.d."
    text = replace(date, approximate=False, uncertain=False).format(month_first=True)
    if date.approximate:
        text = "ca. " + text
    return f"[{text}?]" if date.uncertain else text  # inferred, as Chicago marks it


def _inner_quotes(text: str) -> str:
    """Double quotation marks inside a quotation become single ones (“a” -> ‘a’; "a" -> ‘a’)."""
    text = text.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    parts = text.split('"')
    return "".join(part + ("\u2018" if i % 2 == 0 else "\u2019") for i, part in enumerate(parts[:-1])) + parts[-1]


def _degree(source: Source) -> str:
    note = source.note or ""
    if _DOCTORAL.search(note):
        return "PhD diss."
    return "MA thesis" if _MASTERS.search(note) else "Thesis"


def chicago_reference(source: Source, locator: str | None = None) -> str:
    """The source as a Chicago note (notes-bibliography style), ending with a period: author,
    “title,” publisher, date, locator. A title supplied in [square brackets] is not quoted; a
    thesis gives its degree, school and date in parentheses; 'n.d.' stands for no date."""
    title = _inner_quotes(source.title)
    supplied = title.startswith("[") and title.endswith("]")
    date = _chicago_date(source.date)
    lead = f"{source.author}, " if source.author else ""
    if entry_type(source) in ("phdthesis", "mastersthesis"):
        facts = ", ".join(p for p in (_degree(source), source.publisher, date) if p)
        shown = title if supplied else f"\u201c{title}\u201d"
        text = f"{lead}{shown} ({facts})" + (f", {locator}" if locator else "")
        return text if text.endswith(".") else text + "."
    rest = [p for p in (source.publisher, date, locator) if p]
    if supplied:
        text = ", ".join([lead + title, *rest])
        return text if text.endswith(".") else text + "."
    comma = "" if title.endswith(("?", "!")) else ","
    text = f"{lead}\u201c{title}{comma}\u201d " + ", ".join(rest)
    return text if text.endswith(".") else text + "."


def quotation(excerpt: str) -> str:
    """The excerpt as readable text in quotation marks: its markdown (the thesis's emphasis and
    escapes) as the reader shows it, quotation marks inside made single, elisions (…) kept."""
    return f"\u201c{_inner_quotes(readable(excerpt))}\u201d"


def chicago(timeline: Timeline, citation: Citation) -> str:
    """The excerpt in quotation marks, and on the next line where it comes from (Chicago style)."""
    source = timeline.source(citation.source) or Source(id=citation.source, title=citation.source)
    return f"{quotation(citation.excerpt)}\n{chicago_reference(source, citation.locator)}"


# --- BibTeX ------------------------------------------------------------------------------
def _escape(text: str) -> str:
    """Text for a BibTeX field: the characters TeX treats specially, escaped."""
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex_url(url: str) -> str:
    r"""A URL for BibTeX's `url` field as it is: biblatex reads that field verbatim and BibTeX
    styles set it in \url{}, which takes `_ % # ~ &` as they are, so TeX escapes (`\_`) would
    end up in the link. Only what a URL may not hold unencoded anyway (braces, backslash,
    white space: RFC 3986) is percent-encoded, which keeps the field's braces balanced."""
    return "".join(_URL_UNSAFE.get(char, char) for char in url.strip())


def bibtex_key(source: Source) -> str:
    """The entry's key: the source's id (unique in its file, e.g. 'borkoeva2011'), in the
    characters a key may hold."""
    return re.sub(r"[^A-Za-z0-9_:.\-]", "", source.id) or "source"


def _bibtex_name(author: str) -> str:
    """'Janargul Borkoeva' -> 'Borkoeva, Janargul'; a title (Mr) and a role in parentheses
    ('(rapporteur)') are left out; one word is a family name."""
    words = [w for w in re.sub(r"\([^)]*\)", " ", author).split() if w.lower() not in _HONORIFIC]
    if not words:
        return "{" + _escape(author) + "}"
    if len(words) == 1 or "," in author:
        return _escape(" ".join(words))
    return f"{_escape(words[-1])}, {_escape(' '.join(words[:-1]))}"


def bibtex(source: Source, locator: str | None = None) -> str:
    """A BibTeX entry for the source; the locator as `pages` when it gives page numbers
    ('p. 5', 'pp. 3-4'), else as `note` ('sec. 3.1', 'para. 84')."""
    kind = entry_type(source)
    fields: list[tuple[str, str]] = []
    if source.author:
        fields.append(("author", "{" + _bibtex_name(source.author) + "}"))
    fields.append(("title", "{{" + _escape(source.title) + "}}"))  # double braces keep its capitals
    if source.publisher:
        where = {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution"}.get(
            kind, "howpublished"
        )
        fields.append((where, "{" + _escape(source.publisher) + "}"))
    if kind == "techreport":
        fields.append(("type", "{Report}"))
    if source.date is not None:
        fields.append(("year", "{" + str(source.date.year) + "}"))
        if source.date.month is not None:
            fields.append(("month", _MONTH_MACROS[source.date.month - 1]))
    pages = _PAGES.match(locator.strip()) if locator else None
    if source.url:
        fields.append(("url", "{" + bibtex_url(source.url) + "}"))
    if pages:
        numbers = re.sub(r"\s*[-\u2013]+\s*", "--", pages.group(1).strip())
        fields.append(("pages", "{" + _escape(numbers) + "}"))
    elif locator:
        fields.append(("note", "{" + _escape(locator) + "}"))
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@{kind}{{{bibtex_key(source)},\n{body}}}"
