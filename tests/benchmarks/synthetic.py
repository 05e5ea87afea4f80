"""N synthetic events in five lanes, as the text of an events file (for the benchmarks)."""

import datetime as dt
import json
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


# --- files of any size, shaped like events.yaml (for the scale benchmark) --------------------------

#: Lane colours: Okabe-Ito first, then more that stay apart.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
    "#882255", "#117733", "#332288", "#44AA99", "#88CCEE", "#DDCC77", "#AA4499", "#999933",
    "#661100", "#6699CC", "#888888", "#AA4466",
)  # fmt: skip
MORE_WORDS = (
    "the of and in to a on by for with was were its their at as from which that after before "
    "president parliament government ministry foreign affairs declaration protocol charter joint "
    "military-technical cooperation operation brigade rapid reaction collective regional bilateral "
    "economic energy gas pipeline trade tariffs visa regime migration observers mission crisis "
    "conflict ceasefire negotiations delegation ratified suspended resumed annual session plenary"
).split()
FIRST_DAY_ORDINAL = dt.date(1991, 1, 1).toordinal()
LAST_DAY_ORDINAL = dt.date(2015, 12, 31).toordinal()


def _text_pool(rng: random.Random, size: int = 200_000) -> str:
    """A long run of words to cut titles and excerpts from (cheaper than drawing words each time)."""
    words = WORDS + MORE_WORDS + COUNTRIES
    return " ".join(rng.choices(words, k=size // 7))


def _cut(pool: str, rng: random.Random, length: int) -> str:
    """Whole words from the pool: at most `length` characters, and at most a word shorter."""
    start = pool.index(" ", rng.randrange(len(pool) - length - 200)) + 1
    end = pool.rfind(" ", start, start + length)
    return pool[start:end]


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


def _date_text(ordinal: int, precision: int) -> str:
    day = dt.date.fromordinal(ordinal)
    return (f"{day.year}", f"{day.year}-{day.month:02d}", day.isoformat())[precision]


def _lane_ids(lanes: int) -> list[str]:
    return LANES[:lanes] + [f"L{i + 1}" for i in range(len(LANES), lanes)]


def synthetic_data(n: int, lanes: int = 5, seed: int = 1) -> dict:
    """N events over `lanes` lanes as the data of an events file (events.yaml's structure),
    reproducible from the seed: day, month and year precision, some periods, titles of a few words
    to about 90 characters, 1-3 countries, 1-2 citations with excerpts of 100-400 characters,
    every kind, dates over 1991-2015 bunched around a few dozen clusters as real data is."""
    rng = random.Random(seed)
    pool = _text_pool(rng)
    lane_ids = _lane_ids(lanes)
    sources = {f"s{i}": {"title": f"Synthetic source {i}", "publisher": "Benchmark Press"} for i in range(1, 6)}
    source_ids = list(sources)
    clusters = [rng.randint(FIRST_DAY_ORDINAL, LAST_DAY_ORDINAL) for _ in range(40)]
    span_days = LAST_DAY_ORDINAL - FIRST_DAY_ORDINAL
    events = []
    for i in range(n):
        if rng.random() < 0.7:  # most events bunch around a summit, a war, a crisis
            ordinal = int(rng.gauss(rng.choice(clusters), 45))
        else:
            ordinal = FIRST_DAY_ORDINAL + rng.randrange(span_days)
        ordinal = min(max(ordinal, FIRST_DAY_ORDINAL), LAST_DAY_ORDINAL)
        precision = rng.choices((0, 1, 2), weights=(2, 3, 5))[0]  # year, month, day
        countries = rng.sample(COUNTRIES, rng.randint(1, 3))
        title = _sentence(_cut(pool, rng, rng.choice((20, 35, 50, 70, 90)))) or "Event"
        event: dict = {
            "id": f"e{i}",
            "title": f"{title} ({i})",
            "date": _date_text(ordinal, precision),
        }
        if rng.random() < 0.1:  # a period
            last = min(ordinal + rng.randint(30, 1500), LAST_DAY_ORDINAL)
            event["end"] = _date_text(last, precision)
        event["lanes"] = rng.sample(lane_ids, 1 if rng.random() < 0.9 else 2)
        event["kind"] = rng.choice(KINDS)
        event["countries"] = countries
        if rng.random() < 0.3:
            event["summary"] = _sentence(_cut(pool, rng, rng.randint(60, 300))) + "."
        citations = []
        for _ in range(rng.randint(1, 2)):
            citation = {"source": rng.choice(source_ids), "excerpt": _cut(pool, rng, rng.randint(120, 400)) + "."}
            if rng.random() < 0.6:
                citation["locator"] = f"p. {rng.randint(1, 400)}"
            if rng.random() < 0.5:
                citation["date"] = event["date"]
            citations.append(citation)
        event["citations"] = citations
        events.append(event)
    lane_list = [{"id": lane, "name": lane, "color": PALETTE[i % len(PALETTE)]} for i, lane in enumerate(lane_ids)]
    return {"version": 1, "sources": sources, "lanes": lane_list, "events": events}


def _q(value: object) -> str:
    """A scalar as YAML reads it back: strings double-quoted (JSON's escapes are YAML's too)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(values: list) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def to_yaml(data: dict) -> str:
    """The data as block-style YAML like events.yaml, written line by line (yaml.dump is far too
    slow for a million events)."""
    lines = [f"version: {data['version']}", "", "sources:"]
    for source_id, source in data["sources"].items():
        lines.append(f"  {source_id}:")
        lines += [f"    {key}: {_q(value)}" for key, value in source.items()]
    lines += ["", "lanes:"]
    for lane in data["lanes"]:
        lines += [f"  - id: {lane['id']}", f"    name: {_q(lane['name'])}", f"    color: {_q(lane['color'])}"]
    lines += ["", "events:"]
    for event in data["events"]:
        lines += [f"  - id: {event['id']}", f"    title: {_q(event['title'])}", f"    date: {_q(event['date'])}"]
        if "end" in event:
            lines.append(f"    end: {_q(event['end'])}")
        lines += [f"    lanes: {_flow(event['lanes'])}", f"    kind: {event['kind']}"]
        lines.append(f"    countries: {_flow(event['countries'])}")
        if "summary" in event:
            lines.append(f"    summary: {_q(event['summary'])}")
        lines.append("    citations:")
        for citation in event["citations"]:
            lines += [f"      - source: {citation['source']}", f"        excerpt: {_q(citation['excerpt'])}"]
            lines += [f"        {key}: {_q(citation[key])}" for key in ("locator", "date") if key in citation]
    return "\n".join(lines) + "\n"


def to_json(data: dict) -> str:
    """The data as JSON text (the structure of events.yaml)."""
    return json.dumps(data, ensure_ascii=False)
