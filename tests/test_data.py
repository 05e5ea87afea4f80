"""The bundled data is faithful: each fidelity rule of docs/data-format.md, checked on events.yaml."""

import datetime as dt

import pytest
import yaml

from conftest import BUNDLED, SOURCES, needs_sources
from timeline_app.core.dates import parse_date
from timeline_app.core.verify import verify_excerpts

RAW = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
FIRST, LAST = dt.date(1991, 1, 1), dt.date(2015, 12, 31)


def all_citations(timeline):
    for event in timeline.events:
        for citation in event.citations:
            yield f"event {event.id}", citation
    for lane in timeline.lanes:
        for era in lane.eras:
            for citation in era.citations:
                yield f"lane {lane.id} era {era.name}", citation


def test_ids_are_unique_in_the_file():
    ids = [event["id"] for event in RAW["events"]]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def test_every_reference_exists():
    sources, lanes = set(RAW["sources"]), {lane["id"] for lane in RAW["lanes"]}
    for event in RAW["events"]:
        assert set(event["lanes"]) <= lanes, event["id"]
        assert all(c["source"] in sources for c in event["citations"]), event["id"]


def test_every_event_is_within_1991_2015(bundled):
    for event in bundled.events:
        assert FIRST <= event.first_day and event.last_day <= LAST, event.id


def test_every_lane_has_events_a_title_and_eras(bundled):
    for lane in bundled.lanes:
        assert any(lane.id in event.lanes for event in bundled.events), lane.id
        assert lane.title, lane.id
        assert lane.eras, f"lane {lane.id} has no eras"
        for era in lane.eras:
            assert era.citations, f"{lane.id} era {era.name}"


def test_dates_parse_as_written():
    for event in RAW["events"]:
        for value in [event["date"], event.get("end")] + [c.get("date") for c in event["citations"]]:
            if value is not None:
                assert isinstance(value, str), f"{event['id']}: quote dates ({value!r})"
                parse_date(value)


def test_every_citation_states_its_own_date(bundled):
    missing = [owner for owner, citation in all_citations(bundled) if citation.date is None]
    assert not missing, missing


def test_precision_is_never_finer_than_the_citations_give(bundled):
    for event in bundled.events:
        compatible = [c.date for c in event.citations if c.date.contains(event.date) or event.date.contains(c.date)]
        assert compatible, f"{event.id}: no citation gives a date compatible with {event.date}"
        assert event.date.precision <= max(d.precision for d in compatible), (
            f"{event.id}: {event.date} is finer than any citation gives ({', '.join(map(str, compatible))})"
        )


def test_every_citation_has_a_locator(bundled):
    assert all(citation.locator for _, citation in all_citations(bundled))


def test_sources_name_their_files(bundled):
    assert {s.id for s in bundled.sources} == {"blaauw2000", "monitor2001", "borkoeva2011", "rferl2002", "bolgova2015"}
    for source in bundled.sources:
        assert source.file and source.title, source.id


def test_titles_are_short_enough_to_label(bundled):
    assert all(len(event.title) <= 70 for event in bundled.events)


def test_titles_and_summaries_are_our_own_words(bundled):
    for event in bundled.events:
        for citation in event.citations:
            assert event.title not in citation.excerpt, event.id
            assert not event.summary or event.summary not in citation.excerpt, event.id


def test_no_two_events_are_the_same(bundled):
    seen = {}
    for event in bundled.events:
        key = (event.date, frozenset(event.lanes), event.kind, event.title.casefold())
        assert key not in seen, (event.id, seen.get(key))
        seen[key] = event.id


KNOWN_DISAGREEMENTS = {
    # event id: a pair of dates that two of its citations give
    "csto-founded-2002": ("2002-05-14", "2002-05-15"),
    "eurasec-treaty-2000": ("2000-10-10", "2000-10-11"),
}


@pytest.mark.parametrize("event_id, dates", KNOWN_DISAGREEMENTS.items())
def test_known_disagreements_are_recorded(bundled, event_id, dates):
    event = bundled.event(event_id)
    assert event is not None
    claimed = {str(d) for d in event.claimed_dates()}
    assert set(dates) <= claimed
    assert event.sources_disagree()


def test_cst_signatories_disagreement_is_recorded(bundled):
    event = bundled.event("cst-signed-1992")
    sources = {c.source for c in event.citations}
    assert {"borkoeva2011", "blaauw2000", "monitor2001"} <= sources


def test_uzbekistan_1999_disagreement_is_recorded(bundled):
    event = bundled.event("cst-uzbekistan-exit-1999")
    assert len({c.source for c in event.citations}) >= 2


@needs_sources
def test_every_excerpt_is_verbatim_in_its_document(bundled):
    problems = verify_excerpts(bundled, SOURCES)
    assert not problems, "\n".join(map(str, problems))


@needs_sources
def test_every_document_is_cited(bundled):
    cited = {c.source for _, c in all_citations(bundled)}
    assert cited == {s.id for s in bundled.sources}


def test_excerpts_are_excerpts_not_documents(bundled):
    for owner, citation in all_citations(bundled):
        assert len(citation.excerpt) <= 900, owner
