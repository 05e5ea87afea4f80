"""Excerpt verification against the source documents."""

from conftest import SOURCES, needs_sources
from timeline_app.core.verify import excerpt_in, normalise, verify_excerpts


def test_normalise_folds_space_and_drops_footnote_markers():
    assert normalise("signed the\n  Treaty<sup>12</sup> on\tMay") == "signed the Treaty on May"


def test_excerpt_parts_must_be_in_order():
    doc = normalise("One two three. Four five six. Seven.")
    assert excerpt_in("two three", doc)
    assert excerpt_in("One two … five six", doc)
    assert not excerpt_in("five six … One two", doc)
    assert not excerpt_in("two  four", doc)


@needs_sources
def test_a_changed_excerpt_is_caught(bundled):
    import dataclasses

    event = bundled.events[0]
    citation = dataclasses.replace(event.citations[0], excerpt=event.citations[0].excerpt.replace(" ", "  x ", 1))
    changed = dataclasses.replace(bundled, events=(dataclasses.replace(event, citations=(citation,)),))
    problems = verify_excerpts(changed, SOURCES)
    assert len(problems) == 1 and f"event {event.id}: excerpt not found in" in str(problems[0])
