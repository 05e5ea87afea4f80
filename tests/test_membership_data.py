"""Membership in the bundled events.yaml: the founding lists, the exits, and the disagreements
of the five documents, as the issue names them, held and never silently resolved."""

import datetime as dt

import pytest

from timeline_app.core.membership import Membership

D = dt.date


@pytest.fixture(scope="module")
def members(bundled):
    return Membership(bundled)


def on(members, lane, day):
    return {s.country: s for s in members.members_on(lane, day)}


def sources_of(span, role):
    claims = {"start": span.start.claims, "end": span.end.claims if span.end else (), "disputes": span.contradictions}
    return {c.source for claim in claims[role] for c in claim.citations}


def test_every_lane_has_members(members, bundled):
    assert members.lanes() == [lane.id for lane in bundled.lanes]


def test_who_signed_the_treaty_in_1992(members):
    signed = on(members, "CSTO", D(1992, 5, 15))
    founders = {c for c, s in signed.items() if s.status == "founding member" and s.certain}
    assert founders == {"Armenia", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"}
    # the WEU names Azerbaijan and Belarus, RFE/RL Georgia, as signatories; the others say they
    # joined in 1993: one disputed boundary each, from the treaty (15 May 1992) to 1994
    for country in ("Azerbaijan", "Belarus", "Georgia"):
        standing = signed[country]
        assert not standing.certain and standing.disputed, country
        span = standing.span
        assert span.start.first == D(1992, 5, 15) and span.start.last == D(1994, 12, 31), country  # from the treaty
        assert span.status == "member"  # not a founding member by every source
    assert "blaauw2000" in sources_of(signed["Belarus"].span, "start")
    assert "rferl2002" in sources_of(signed["Georgia"].span, "start")


def test_who_left_the_treaty_in_1999(members):
    for country in ("Azerbaijan", "Georgia"):
        span = members.spans("CSTO", country)[0]
        assert span.end is not None and span.end.first.year == 1999 and span.end.last.year == 1999
        assert {"monitor2001", "rferl2002"} <= sources_of(span, "end")
    uzbek = members.spans("CSTO", "Uzbekistan")[0]
    # Monitor, RFE/RL and the thesis: it left in 1999; the WEU: it drew back, and stayed
    assert uzbek.end.disputed and {"monitor2001", "rferl2002", "blaauw2000"} <= sources_of(uzbek, "end")
    assert "Blaauw" in uzbek.disagreement()
    assert "Uzbekistan" not in on(members, "CSTO", D(2003, 1, 1))


def test_uzbekistan_from_the_cst_to_guuam_and_back_to_the_csto(members):
    path = [(s.lane, s.status, s.first_day.year) for s in members.history("Uzbekistan")]
    assert ("CIS", "founding member", 1991) in path
    lanes_in_order = [lane for lane, _status, _year in path if lane != "CIS"]
    assert lanes_in_order[:4] == ["CSTO", "GUUAM", "SCO", "CSTO"]
    guuam = members.spans("GUUAM", "Uzbekistan")[0]
    assert guuam.first_day.year == 1999 and guuam.end is not None and guuam.end.first.year == 2005
    back = members.spans("CSTO", "Uzbekistan")[-1]
    assert back.first_day == D(2006, 6, 23)
    # a member in 2011 (the thesis), not one in October 2015 (Bolgova): it left in between
    assert back.end is not None and back.end.inferred
    assert back.end.first.year == 2011 and back.end.last == D(2015, 10, 16)
    assert "Uzbekistan" in on(members, "CSTO", D(2010, 1, 1))
    assert "Uzbekistan" not in on(members, "CSTO", D(2015, 12, 31))


def test_uzbekistan_is_no_founding_member_of_the_sco(members):
    spans = members.spans("SCO", "Uzbekistan")
    assert [s.status for s in spans] == ["observer"]
    assert spans[0].first_day.year == 2000 and spans[0].end is None  # an observer at Dushanbe, 2000


def test_georgia_in_the_cis_is_disputed_never_resolved(members):
    (georgia,) = members.spans("CIS", "Georgia")
    assert georgia.first_day == D(1993, 12, 9) and georgia.end.first == D(2009, 8, 18)
    assert georgia.disputed and sources_of(georgia, "disputes") == {"blaauw2000"}  # para. 84
    standing = on(members, "CIS", D(2000, 6, 1))["Georgia"]
    assert standing.disputed and "Blaauw" in standing.note()
    assert "Georgia" not in on(members, "CIS", D(2010, 1, 1))


def test_ukraine_de_jure_not_a_member_of_the_cis(members):
    (ukraine,) = members.spans("CIS", "Ukraine")
    assert ukraine.first_day == D(1991, 12, 8) and ukraine.end is None  # a founder, never said to leave
    assert ukraine.disputed and sources_of(ukraine, "disputes") == {"borkoeva2011"}


def test_the_founding_lists(members):
    def founders(lane, day):
        return {c for c, s in on(members, lane, day).items() if s.status == "founding member"}

    assert founders("CIS", D(1991, 12, 8)) == {"Belarus", "Russia", "Ukraine"}
    assert founders("CIS", D(1991, 12, 21)) == {
        "Armenia",
        "Azerbaijan",
        "Belarus",
        "Kazakhstan",
        "Kyrgyzstan",
        "Moldova",
        "Russia",
        "Tajikistan",
        "Turkmenistan",
        "Ukraine",
        "Uzbekistan",
    }
    assert founders("SCO", D(1996, 4, 26)) == {"China", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"}
    assert founders("GUUAM", D(1997, 12, 31)) == {"Azerbaijan", "Georgia", "Moldova", "Ukraine"}
    assert {"Belarus", "Kazakhstan", "Russia"} <= founders("EurAsEC", D(1996, 12, 31))


def test_turkmenistan_becomes_an_associate(members):
    statuses = [s.status for s in members.spans("CIS", "Turkmenistan")]
    assert statuses == ["founding member", "associate"]


def test_every_claim_cites_an_excerpt(members, bundled):
    for lane in members.lanes():
        for span in members.spans(lane):
            for claim in span.claims():
                assert claim.citations and all(c.excerpt for c in claim.citations)
                assert claim.entry.country in claim.event.countries
