"""Membership over time (core/membership.py) on hand-made cases, the format's checks of the
`membership` field, and the command line's --members and --history. No display needed."""

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from timeline_app import cli
from timeline_app.core.loader import load_timeline, parse_timeline
from timeline_app.core.membership import STATUSES, Membership

MEMBERS = DATA / "members.yaml"
D = dt.date


@pytest.fixture(scope="module")
def members():
    result = load_timeline(MEMBERS)
    assert result.ok and not result.errors, result.problems
    return Membership(result.timeline)


def standing(members, lane, day, country):
    found = [s for s in members.members_on(lane, day) if s.country == country]
    return found[0] if found else None


def test_founding_list_and_row_order(members):
    beta = members.spans("B")
    founders = [s for s in beta if s.status == "founding member"]
    assert sorted(s.country for s in founders) == ["Belarus", "Kazakhstan", "Russia"]
    assert all(s.start.first == s.start.last == D(1996, 4, 26) for s in founders)
    # rows by first membership: the founders, then Belarus (founded 1992, or joined 1993-94)
    assert members.rows("A") == ["Armenia", "Russia", "Belarus", "Georgia", "Kazakhstan"]


def test_join_leave_rejoin(members):
    first, second = members.spans("A", "Armenia")
    assert first.status == "founding member" and first.start.first == D(1992, 5, 15)
    assert first.end is not None and second.start.first == D(2006, 6, 23) and second.end is None
    assert standing(members, "A", D(1995, 1, 1), "Armenia").certain
    assert standing(members, "A", D(2003, 1, 1), "Armenia") is None
    assert standing(members, "A", D(2007, 1, 1), "Armenia").status == "member"


def test_a_member_after_leaving_disputes_the_leaving(members):
    first = members.spans("A", "Armenia")[0]
    # left in 1999 says one source; still a member in 2000 says another: the end spans both
    assert (first.end.first, first.end.last) == (D(1999, 1, 1), D(2000, 12, 31))
    assert first.end.disputed and first.disputed
    assert "left 1999" in first.disagreement() and "a member in 2000" in first.disagreement()
    on = standing(members, "A", D(2000, 6, 1), "Armenia")
    assert on is not None and not on.certain and on.disputed


def test_suspend_and_resume(members):
    statuses = [(s.status, s.start.first) for s in members.spans("A", "Russia")]
    assert statuses == [("founding member", D(1992, 5, 15)), ("suspended", D(2003, 3, 1)), ("member", D(2004, 1, 1))]
    assert standing(members, "A", D(2003, 6, 1), "Russia").status == "suspended"
    assert standing(members, "A", D(2005, 6, 1), "Russia").status == "member"
    # the statement "Russia is a member in 2000" agrees, and is kept as support
    assert [c.event.id for c in members.spans("A", "Russia")[0].support] == ["a-members-2000"]


def test_disputed_date_is_one_uncertain_boundary(members):
    (belarus,) = members.spans("A", "Belarus")
    # 1992, 1993 or 1993-94, from the lane's first day: nothing belongs to Alpha before it begins
    assert (belarus.start.first, belarus.start.last) == (D(1992, 5, 15), D(1994, 12, 31))
    assert belarus.start.dates_disagree and belarus.start.status_disagrees
    assert belarus.status == "member"  # not a founding member by every source
    assert belarus.since_text() == "1992 or 1993 or 1993 \u2013 1994"
    early, settled = standing(members, "A", D(1992, 6, 1), "Belarus"), standing(members, "A", D(1996, 1, 1), "Belarus")
    assert early.part == "start" and early.disputed
    assert settled.certain and not settled.disputed


def test_disputed_membership_is_marked_never_resolved(members):
    (georgia,) = members.spans("A", "Georgia")
    assert [c.event.id for c in georgia.contradictions] == ["a-members-2000"]
    assert georgia.disputed and "not a member in 2000" in georgia.disagreement()
    on = standing(members, "A", D(2000, 6, 1), "Georgia")
    assert on is not None and on.disputed  # listed, with the disagreement: not dropped, not trusted
    assert georgia.end.first == D(2009, 8, 18)


def test_change_known_only_between_two_statements(members):
    (kazakhstan,) = members.spans("A", "Kazakhstan")
    assert kazakhstan.since_unknown and kazakhstan.end.inferred
    assert (kazakhstan.end.first, kazakhstan.end.last) == (D(2011, 8, 1), D(2015, 10, 31))
    assert standing(members, "A", D(2011, 8, 20), "Kazakhstan") is not None
    assert standing(members, "A", D(2013, 1, 1), "Kazakhstan").part == "end"
    assert standing(members, "A", D(2016, 1, 1), "Kazakhstan") is None
    # statements only: an observer in 2000, a member in 2011 -> the change lies between
    observer, member = members.spans("B", "Armenia")
    assert observer.status == "observer" and member.status == "member"
    assert member.start.inferred and (member.start.first, member.start.last) == (D(2000, 1, 1), D(2011, 12, 31))
    assert standing(members, "B", D(2012, 1, 1), "Armenia").certain


def test_history_and_changes(members):
    history = members.history("Armenia")
    assert [(s.lane, s.status) for s in history] == [
        ("A", "founding member"),
        ("B", "observer"),
        ("B", "member"),
        ("A", "member"),
    ]
    changes = members.changes(D(2003, 1, 1), D(2004, 12, 31))
    assert [(c.country, c.before, c.after) for c in changes] == [
        ("Armenia", "observer", "member"),
        ("Russia", "founding member", "suspended"),
        ("Russia", "suspended", "member"),
    ]
    # Moldova became an associate in 2005; Russia is first known as a member then: no change
    assert [(c.country, c.after) for c in members.changes(D(2005, 1, 1), D(2005, 12, 31), lanes=["C"])] == [
        ("Moldova", "associate")
    ]


def test_boundary_edtf(members):
    assert members.spans("A", "Belarus")[0].start.edtf() == "[1992,1993,1993..1994]"  # EDTF: one of a set
    assert members.spans("A", "Armenia")[0].start.edtf() == "1992-05-15"  # the finest of 1992 and 15 May 1992
    assert members.spans("A", "Kazakhstan")[0].end.edtf() == "2011-08-01/2015-10-31"


MEMBERSHIP_FILE = """
version: 1
sources:
  s1: {title: S1}
lanes:
  - {id: A, name: A, color: "#112233"}
  - {id: B, name: B, color: "#112233"}
events:
  - id: e1
    title: T
    date: "1993"
    lanes: [A, B]
    kind: membership
    countries: [Georgia]
    citations:
      - {source: s1, excerpt: x, date: "1993", end: "1994"}
    membership:
"""


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{country: Gorgia, change: joins, lane: A}",
            "names 'Gorgia', not one of the event's countries (did you mean 'Georgia'?)",
        ),
        ("{country: Georgia, lane: A}", "needs one of 'change' or 'status'"),
        ("{country: Georgia, change: joins, status: member, lane: A}", "needs one of 'change' or 'status'"),
        ("{country: Georgia, change: joins}", "needs a 'lane': the event is in A, B"),
        ("{country: Georgia, change: joins, lane: C}", "lane 'C' is not one of the event's lanes"),
        (
            "{country: Georgia, change: joins, lane: A, sources: [s2]}",
            "names source 's2', which the event does not cite",
        ),
        (
            "{country: Georgia, change: joins, lane: A, citations: [2]}",
            "cites position 2, but the event has 1 citations",
        ),
        ("{country: Georgia, change: join, lane: A}", "(did you mean 'joins'?)"),
    ],
)
def test_the_check_refuses_what_an_event_does_not_name(entry, message):
    result = parse_timeline(MEMBERSHIP_FILE + f"      - {entry}\n", "m.yaml")
    assert any(message in p.message for p in result.errors), [p.message for p in result.problems]
    assert {p.line for p in result.errors} == {18}  # the line of the entry


def test_a_good_entry_loads_with_its_citations():
    result = parse_timeline(MEMBERSHIP_FILE + "      - {country: Georgia, change: joins, lane: b}\n", "m.yaml")
    assert result.ok and not result.errors, result.problems
    (entry,) = result.timeline.events[0].membership
    assert (entry.lane, entry.change, entry.citations) == ("B", "joins", (0,))
    assert result.timeline.events[0].citations[0].end.year == 1994


# --- the command line --------------------------------------------------------------------------


def run(capsys, *args):
    code = cli.main([str(MEMBERS), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_members_text(capsys):
    code, out, _err = run(capsys, "--members", "Alpha", "--on", "2000-06-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Alpha on 1 June 2000: 2 founding members, 2 members; 1 of them uncertain"
    rows = {line.split()[0]: line for line in lines[1:] if not line.startswith(" ")}
    assert set(rows) == {"Belarus", "Armenia", "Russia", "Georgia"}
    assert "founding member" in rows["Russia"] and "since 15 May 1992" in rows["Russia"]
    assert "[disputed]" in rows["Georgia"] and "One 2012, p. 3" in rows["Georgia"]
    assert "[disputed]" not in rows["Russia"]


def test_members_json(capsys):
    code, out, _err = run(capsys, "--members", "A", "--on", "1992-06-01", "--format", "json")
    assert code == 0
    found = {item["country"]: item for item in json.loads(out)}
    assert set(found) == {"Armenia", "Belarus", "Russia"}
    assert found["Russia"]["status"] == "founding member" and found["Russia"]["since"] == "1992-05-15"
    assert found["Russia"]["disputed"] is False
    assert found["Belarus"]["disputed"] is True and found["Belarus"]["since"] == "[1992,1993,1993..1994]"
    citation = found["Russia"]["citations"][0]
    assert {"source", "excerpt", "locator", "date"} <= set(citation)
    assert citation["excerpt"] == "Armenia and Russia founded Alpha"


def test_history_json(capsys):
    code, out, _err = run(capsys, "--history", "armenia", "--format", "json")
    assert code == 0
    spans = json.loads(out)
    assert [(s["lane"], s["status"], s["from"], s["to"]) for s in spans] == [
        ("A", "founding member", "1992-05-15", "[1999,2000]"),
        ("B", "observer", "2000", "2000-01-01/2011-12-31"),
        ("B", "member", "2000-01-01/2011-12-31", None),
        ("A", "member", "2006-06-23", None),
    ]
    assert spans[0]["disputed"] is True and spans[3]["disputed"] is False
    roles = {(c["role"], c["excerpt"]) for c in spans[0]["citations"]}
    assert ("end", "Armenia left in 1999") in roles
    assert ("disputes-end", "Armenia is still in Alpha") in roles  # never evidence that it left


def test_history_text(capsys):
    code, out, _err = run(capsys, "--history", "Georgia")
    assert code == 0
    assert "Alpha  member  9 December 1993 \u2013 18 August 2009 [disputed]" in out
    assert "disputed by: Two 2001, p. 10 [a-members-2000]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--members", "Alpah", "--on", "2000"), "timeline-app: --members: unknown lane 'Alpah' (did you mean 'A'?)"),
        (("--history", "Armnia"), "timeline-app: --history: no country 'Armnia' in the data (did you mean 'Armenia'?)"),
        (("--members", "A", "--on", "2000-13"), "timeline-app: --on: "),
    ],
)
def test_unknown_lane_or_country_exits_2_with_one_line(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "2000"), "--on goes with --members LANE"),
        (("--members", "--on", "2000"), "--members --on DATE needs a lane"),
        (("--list", "--members", "A", "--on", "2000"), "--on goes with --members LANE"),
    ],
)
def test_on_goes_with_members_and_a_lane(capsys, args, message):
    with pytest.raises(SystemExit) as stop:
        cli.main([str(MEMBERS), *args])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_export_draws_member_rows_and_follows_one_country(capsys, tmp_path):
    from PySide6 import QtGui

    def export(name, *args):
        out = tmp_path / name
        code, _out, err = run(capsys, "--export", str(out), "--size", "640x360", *args)
        assert code == 0, err
        return QtGui.QImage(str(out))

    plain, rows, followed = (
        export("a.png"),
        export("b.png", "--members"),
        export("c.png", "--members", "--country", "Armenia"),
    )
    assert rows not in (plain, followed)
    only_followed = export("f.png", "--members", "--country", "Armenia", "--only-followed")
    assert only_followed not in (rows, followed)
    only_a = export("d.png", "--members", "A")
    assert only_a not in (rows, plain)
    with pytest.raises(SystemExit) as stop:
        cli.main([str(MEMBERS), "--export", str(tmp_path / "g.png"), "--only-followed"])
    assert stop.value.code == 2 and "--only-followed needs --members and one --country" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:  # a usage error, like a wrong --lanes
        cli.main([str(MEMBERS), "--export", str(tmp_path / "e.png"), "--members", "Alphx"])
    assert stop.value.code == 2 and "did you mean 'A'" in capsys.readouterr().err


# --- hand-written cases: a standing between changes, a rejoin no source dates, ... ----------------

CASE_HEAD = """
version: 1
sources:
  s: {title: S}
lanes:
  - {id: A, name: Alpha, color: "#112233"}
events:
"""


def case(*entries):
    """A Membership of one lane and one country (Armenia) from (date, change-or-status) pairs."""
    events = []
    for index, (date, said) in enumerate(entries):
        key = (
            "change"
            if said in ("founding", "joins", "leaves", "suspends", "resumes", "observer", "associate")
            else "status"
        )
        events.append(
            f"  - {{id: e{index}, title: T{index}, date: '{date}', lanes: [A], kind: membership, countries: [Armenia],\n"
            f"     citations: [{{source: s, excerpt: x{index}, date: '{date}'}}], membership: [{{country: Armenia, {key}: {said}}}]}}\n"
        )
    result = parse_timeline(CASE_HEAD + "".join(events), "case.yaml")
    assert result.ok and not result.errors, result.problems
    return Membership(result.timeline)


def shape(members):
    return [(s.status, s.first_day.year, s.end.last.year if s.end else None) for s in members.spans("A", "Armenia")]


def test_an_observer_statement_then_a_joining_ends_where_the_membership_begins():
    members = case(("1994", "observer"), ("1996", "joins"), ("1999", "member"))
    assert shape(members) == [("observer", 1994, 1996), ("member", 1996, None)]
    assert standing(members, "A", D(2001, 1, 1), "Armenia").status == "member"
    assert [c.event.id for c in members.spans("A", "Armenia")[1].support] == ["e2"]


def test_a_member_then_not_then_joining_again_is_a_second_span():
    members = case(("1993", "joins"), ("1997", "member"), ("2000", "not-member"), ("2005", "joins"))
    first, second = members.spans("A", "Armenia")
    assert first.end.inferred and (first.end.first, first.end.last) == (D(1997, 1, 1), D(2000, 12, 31))
    assert second.first_day == D(2005, 1, 1) and not second.disputed
    assert standing(members, "A", D(2002, 1, 1), "Armenia") is None


def test_two_joinings_with_only_a_denial_between_are_two_dates_of_one():
    members = case(("1993", "joins"), ("2000", "not-member"), ("2005", "joins"))
    (span,) = members.spans("A", "Armenia")  # joined in 1993 says one, in 2005 another: no leaving invented
    assert (span.start.first, span.start.last) == (D(1993, 1, 1), D(2005, 12, 31))
    assert span.start.disputed and standing(members, "A", D(2002, 1, 1), "Armenia").disputed


def test_not_a_member_then_a_member_is_a_change_between_the_two():
    members = case(("2000", "not-member"), ("2005", "member"))
    (span,) = members.spans("A", "Armenia")
    assert span.start.inferred and (span.start.first, span.start.last) == (D(2000, 12, 31), D(2005, 12, 31))
    assert {c.event.id for c in span.start.claims} == {"e0", "e1"}  # both statements kept, with their citations
    assert members.changes(D(1999, 1, 1), D(2010, 1, 1))[0].boundary is span.start


def test_a_statement_in_a_boundary_widens_it_and_disputes_it():
    members = case(("1993", "joins"), ("1996", "joins"), ("1994", "not-member"))
    (span,) = members.spans("A", "Armenia")
    assert (span.start.first, span.start.last) == (D(1993, 1, 1), D(1996, 12, 31))
    assert span.start.disputed  # a source says it was not a member in 1994
    assert standing(members, "A", D(1994, 6, 1), "Armenia").disputed


def test_on_a_day_in_two_uncertain_boundaries_the_standing_that_may_have_ended_comes_first():
    members = case(("1992", "joins"), ("1999", "leaves"), ("2011", "observer"))
    on_1999 = standing(members, "A", D(1999, 12, 31), "Armenia")
    assert on_1999.status == "member" and not on_1999.certain  # not the observer status of 2011


def test_a_standing_first_known_from_a_statement_is_no_change():
    members = case(("2011", "member"))
    assert members.changes(D(2000, 1, 1), D(2015, 1, 1)) == []


@pytest.mark.parametrize("name", ["CSTO", "cst", "ODKB", "Collective Security Treaty", "CST/CSTO"])
def test_a_lane_by_any_of_its_names(capsys, bundled, name):
    code = cli.main([bundled.path, "--members", name, "--on", "1995"])
    out, _err = capsys.readouterr()
    assert code == 0 and out.startswith("CST/CSTO on 1995: ")


def test_on_takes_a_plain_date(capsys):
    code, _out, err = run(capsys, "--members", "A", "--on", "1999~")
    assert code == 2 and "without ~, ? or %" in err


SAID = (
    "founding",
    "joins",
    "leaves",
    "suspends",
    "resumes",
    "observer",
    "associate",
    "member",
    "not-member",
    "suspended",
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1992, 2015), st.sampled_from(SAID)), min_size=1, max_size=7))
def test_any_claims_give_spans_that_hold_every_claim_that_says_it_belonged(claims):
    members = case(*((str(year), said) for year, said in claims))
    spans = members.spans("A", "Armenia")
    kept = {c.event.id for span in spans for c in span.claims()}
    for index, (_year, said) in enumerate(claims):
        if said not in ("not-member", "leaves"):
            assert f"e{index}" in kept, (claims, index)  # nothing said of a standing is dropped
    for span in spans:
        assert span.start.first <= span.start.last
        assert span.end is None or (span.end.first <= span.end.last and span.start.first <= span.end.last)
        assert span.status in STATUSES
    for year in range(1992, 2017):
        assert len(members.members_on("A", D(year, 6, 30))) <= 1  # one standing a country a day
