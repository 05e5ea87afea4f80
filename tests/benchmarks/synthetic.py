"""N synthetic events in five lanes, as the text of an events file (for the benchmarks)."""

import random

from timeline_app.core.model import KINDS

LANES = ["CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"]


def synthetic(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["version: 1", "sources:", "  s: {title: Synthetic}", "lanes:"]
    lines += [f'  - {{id: {lane}, name: {lane}, color: "#0072B2"}}' for lane in LANES]
    lines.append("events:")
    for i in range(n):
        year, month, day = rng.randint(1991, 2015), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        lines.append(
            f'  - {{id: e{i}, title: "Synthetic event number {i}", date: "{date}", lanes: [{rng.choice(LANES)}], '
            f'kind: {rng.choice(KINDS)}, citations: [{{source: s, excerpt: "x"}}]}}'
        )
    return "\n".join(lines) + "\n"


COUNTRIES = ["Russia", "Kyrgyzstan", "Kazakhstan", "Tajikistan", "Uzbekistan", "Belarus", "Armenia", "Georgia"]
WORDS = (
    "summit treaty forces exercise council secretariat statement agreement members admitted withdrew "
    "signed meeting ministers defence security border customs union anti-terrorist centre peacekeeping"
).split()


def synthetic_timeline(n: int, seed: int = 1):
    """N synthetic events with titles, excerpts and countries to search, as a Timeline (no file:
    the search benchmark measures searching, not loading)."""
    from timeline_app.core.dates import PartialDate
    from timeline_app.core.model import Citation, Event, Lane, Source, Timeline

    rng = random.Random(seed)
    events = []
    for i in range(n):
        year, month, day = rng.randint(1991, 2015), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([PartialDate(year), PartialDate(year, month), PartialDate(year, month, day)])
        countries = tuple(rng.sample(COUNTRIES, rng.randint(1, 3)))
        title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" in {countries[0]} ({i})"
        excerpt = " ".join(rng.choices(WORDS, k=30)) + f" {' and '.join(countries)}."
        citation = Citation("s", excerpt, f"p. {i}", date)
        events.append(
            Event(f"e{i}", title, date, (rng.choice(LANES),), rng.choice(KINDS), (citation,), None, countries)
        )
    events.sort(key=lambda e: e.date.sort_key())
    lanes = tuple(Lane(lane, lane, "#0072B2") for lane in LANES)
    return Timeline((Source("s", "Synthetic"),), lanes, tuple(events))
