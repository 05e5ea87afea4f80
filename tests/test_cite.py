"""Citations to copy: the Chicago note and the BibTeX entry of each of the five bundled sources,
written out by hand from events.yaml; and the rules behind them on made-up sources."""

import re

import pytest

from timeline_app.core.cite import bibtex, bibtex_key, bibtex_url, chicago, chicago_reference, entry_type, quotation
from timeline_app.core.dates import parse_date
from timeline_app.core.model import Citation, Source


def first_citation(timeline, source_id):
    return next(c for e in timeline.events for c in e.citations if c.source == source_id)


# (source id, the Chicago text of its first citation in events.yaml, the BibTeX entry for that locator)
BUNDLED_CASES = [
    (
        "blaauw2000",  # undated report, a rapporteur as author
        "“The Commonwealth of Independent States (CIS) was created in 1991 immediately after the dissolution of the Soviet Union.”\n"
        "Mr Blaauw (rapporteur), “Russia and European Security,” Assembly of WEU, n.d., para. 84.",
        "@techreport{blaauw2000,\n"
        "  author = {Blaauw},\n"
        "  title = {{Russia and European Security}},\n"
        "  institution = {Assembly of WEU},\n"
        "  type = {Report},\n"
        "  note = {para. 84},\n"
        "}",
    ),
    (
        "monitor2001",  # unsigned, undated, a periodical's issue
        "“Russia, Armenia, Kazakhstan, Uzbekistan, Kyrgyzstan and Tajikistan signed the CST in 1992.”\n"
        "“Monitor, Volume 7, Issue 105,” The Jamestown Foundation, n.d., para. 2.",
        "@misc{monitor2001,\n"
        "  title = {{Monitor, Volume 7, Issue 105}},\n"
        "  howpublished = {The Jamestown Foundation},\n"
        "  note = {para. 2},\n"
        "}",
    ),
    (
        "rferl2002",  # dated to the day, no author
        "“The alliance was originally set up to foster security cooperation between Russia and some of the newly "
        "independent states following the breakup of the Soviet Union. … But critics say it failed to deliver much in "
        "the way of security and several of the original signatories -- Uzbekistan, Georgia, and Azerbaijan -- pulled "
        "out in 1999.”\n"
        "“Russia: CIS Military-Alliance Upgrade Plan Faces Numerous Obstacles,” RFE/RL, May 15, 2002, para. 5.",
        "@misc{rferl2002,\n"
        "  title = {{Russia: CIS Military-Alliance Upgrade Plan Faces Numerous Obstacles}},\n"
        "  howpublished = {RFE/RL},\n"
        "  year = {2002},\n"
        "  month = may,\n"
        "  note = {para. 5},\n"
        "}",
    ),
    (
        "bolgova2015",  # a title supplied in brackets, no publisher, no date; quotation marks inside the excerpt
        "“The meeting of CIS heads of state held in Kazakhstan on 16 October 2015 drew attention with its multilateral format, which has long been the subject of the phrase ‘either good or nothing.’”\n"
        "Irina Bolgova, [Untitled article on the CIS heads-of-state meeting in Kazakhstan, 16 October 2015], n.d., para. 1.",
        "@misc{bolgova2015,\n"
        "  author = {Bolgova, Irina},\n"
        "  title = {{[Untitled article on the CIS heads-of-state meeting in Kazakhstan, 16 October 2015]}},\n"
        "  note = {para. 1},\n"
        "}",
    ),
    (
        "borkoeva2011",  # an MA thesis dated to the month, a university as publisher
        "“So the ‘secret meeting’ near Viskuli in Belavezhskaya Pusha (Belarus) on December 8, 1991 decided the fate of the Soviet Union and all former Soviet States.”\n"
        "Janargul Borkoeva, “Collective Security Treaty Organization (CSTO) and the Limitations of Russia's Influence over the Other CSTO Member States” "
        "(MA thesis, Middle East Technical University, Graduate School of Social Sciences, August 2011), sec. 2.1.",
        "@mastersthesis{borkoeva2011,\n"
        "  author = {Borkoeva, Janargul},\n"
        "  title = {{Collective Security Treaty Organization (CSTO) and the Limitations of Russia's Influence over the Other CSTO Member States}},\n"
        "  school = {Middle East Technical University, Graduate School of Social Sciences},\n"
        "  year = {2011},\n"
        "  month = aug,\n"
        "  note = {sec. 2.1},\n"
        "}",
    ),
]


@pytest.mark.parametrize(("source_id", "note", "entry"), BUNDLED_CASES, ids=[c[0] for c in BUNDLED_CASES])
def test_each_bundled_source_cites_as_written_by_hand(bundled, source_id, note, entry):
    citation = first_citation(bundled, source_id)
    assert chicago(bundled, citation) == note
    assert bibtex(bundled.source(source_id), citation.locator) == entry


def test_the_cases_cover_every_bundled_source(bundled):
    assert sorted(c[0] for c in BUNDLED_CASES) == sorted(s.id for s in bundled.sources)


THESIS = (
    "Janargul Borkoeva, “Collective Security Treaty Organization (CSTO) and the Limitations of Russia's Influence "
    "over the Other CSTO Member States” (MA thesis, Middle East Technical University, Graduate School of Social "
    "Sciences, August 2011)"
)


def citation_of(timeline, event_id, locator):
    return next(c for c in timeline.event(event_id).citations if c.locator == locator)


def test_a_thesis_excerpt_is_quoted_without_its_markdown(bundled):
    rubezh = citation_of(bundled, "csto-rubezh-2008", "sec. 2.4")
    assert rubezh.excerpt.startswith("*Rubezh-2008* is")  # events.yaml keeps the thesis's markdown
    assert chicago(bundled, rubezh) == (
        "“Rubezh-2008 is the largest scale military exercise held in Armenia where a combined total of 4,000 troops "
        "from all seven member countries conducted operative, strategic, and tactical training with an emphasis "
        "towards furthering efficiency of the collective security element of the CSTO partnership.”\n"
        + THESIS
        + ", sec. 2.4."
    )
    drills = citation_of(bundled, "sco-peace-mission-2005", "sec. 5.1")
    assert "‘*Mirnaya Missiia 2005*’" in drills.excerpt
    assert chicago(bundled, drills) == (
        "“The 2005 events in Central Asia were significant for SCO to reestablish its previous positions. … The same "
        "year the organization held large scaled drills ‘Mirnaya Missiia 2005’ that were perceived as a concern by "
        "some Western and Asian countries.”\n" + THESIS + ", sec. 5.1."
    )


def test_no_bundled_quotation_keeps_a_markdown_star(bundled):
    cited = [c for e in bundled.events for c in e.citations]
    assert sum("*" in c.excerpt for c in cited) >= 12  # the thesis's footnote titles, in markdown
    assert not any("*" in chicago(bundled, c) for c in cited)


def test_a_quotation_reads_escapes_links_and_markers_as_the_reader_shows_them():
    assert quotation(r"a \*literal\* star, snake\_case and **bold**") == "“a *literal* star, snake_case and bold”"
    assert quotation("see [the report](https://example.org/r) … p<sup>3</sup> 2 * 3") == "“see the report … p 2 * 3”"


def braces_balance(text):
    """Unescaped braces pair up and never close more than they opened."""
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_every_bundled_entry_balances_its_braces_and_keys_are_unique(bundled):
    entries = [bibtex(s, c.locator) for e in bundled.events for c in e.citations if (s := bundled.source(c.source))]
    assert entries and all(braces_balance(entry) for entry in entries)
    keys = [bibtex_key(s) for s in bundled.sources]
    assert len(keys) == len(set(keys)) == 5
    assert all(re.fullmatch(r"[A-Za-z]+[0-9]{4}", key) for key in keys)


# --- rules, on made-up sources -------------------------------------------------------------
def test_a_url_stays_a_usable_link():
    source = Source(
        id="web", title="Notes_2010: 100% ~done", url="https://example.org/~roe/a_b/100%25.html?q=x_y#part_2"
    )
    entry = bibtex(source)
    assert "  url = {https://example.org/~roe/a_b/100%25.html?q=x_y#part_2},\n" in entry
    assert r"  title = {{Notes\_2010: 100\% \textasciitilde{}done}}," in entry  # text is still escaped as text
    assert bibtex_url(" https://example.org/a b/{x}\\y ") == "https://example.org/a%20b/%7Bx%7D%5Cy"
    assert braces_balance(bibtex(Source(id="odd", title="T", url="https://example.org/}{")))


def test_page_locators_go_to_pages_others_to_note():
    source = Source(id="roe2010", title="A Book", author="Jane Roe", publisher="Press", date=parse_date("2010"))
    assert "  pages = {5},\n" in bibtex(source, "p. 5")
    assert "  pages = {12--14},\n" in bibtex(source, "pp. 12–14")
    assert "  note = {sec. 3.1},\n" in bibtex(source, "sec. 3.1")
    assert "pages" not in bibtex(source, "para. 4") and "note" not in bibtex(source)


def test_special_characters_are_escaped_and_braces_stay_balanced():
    source = Source(id="odd key!", title="Profit & Loss: 100% {gain} of $5 #1 a_b ~x^2 \\n", publisher="A & B")
    entry = bibtex(source)
    assert entry.startswith("@misc{oddkey,\n")
    assert (
        r"Profit \& Loss: 100\% \{gain\} of \$5 \#1 a\_b \textasciitilde{}x\textasciicircum{}2 \textbackslash{}n"
        in entry
    )
    assert "howpublished = {A \\& B}" in entry
    assert braces_balance(entry)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (Source(id="a", title="Who Won?", publisher="P"), "“Who Won?” P, n.d."),
        (Source(id="a", title="Plain"), "“Plain,” n.d."),
        (Source(id="a", title="A “quoted” word", author="Al Bo"), "Al Bo, “A ‘quoted’ word,” n.d."),
        (Source(id="a", title="T", date=parse_date("2001-05?")), "“T,” [May 2001?]."),
        (Source(id="a", title="T", date=parse_date("1999~")), "“T,” ca. 1999."),
        (Source(id="a", title="T", date=parse_date("2002-05-15~")), "“T,” ca. May 15, 2002."),
        (
            Source(id="a", title="T", author="A B", publisher="U", date=parse_date("2005"), note="A PhD thesis."),
            "A B, “T” (PhD diss., U, 2005).",
        ),
    ],
)
def test_chicago_reference_punctuation(source, expected):
    assert chicago_reference(source) == expected


def test_entry_types_follow_what_the_source_says_it_is(bundled):
    assert [entry_type(s) for s in bundled.sources] == ["techreport", "misc", "misc", "misc", "mastersthesis"]
    assert entry_type(Source(id="x", title="T", note="A doctoral dissertation")) == "phdthesis"


def test_an_unknown_source_is_named_by_its_id(bundled):
    citation = Citation(source="gone", excerpt='He said "no".', locator="p. 2")
    assert chicago(bundled, citation) == "“He said ‘no’.”\n“gone,” n.d., p. 2."


def test_the_window_shows_an_excerpt_as_readable_text_as_it_copies_it(qtbot, bundled):
    """Details, the presentation card and export callouts quote the thesis without its markdown."""
    from timeline_app.core.figure import FigureSpec
    from timeline_app.core.state import Document, ViewState
    from timeline_app.render.compose import Figure
    from timeline_app.ui.detail_panel import DetailPanel

    event = bundled.event("csto-rubezh-2004")
    raw = next(c.excerpt for c in event.citations if "*" in c.excerpt)
    state = ViewState(Document(bundled))
    panel = DetailPanel(state)
    qtbot.addWidget(panel)
    state.select(event.id)
    shown = panel.text()
    assert raw.replace("*", "")[:40] in shown and "*" not in shown
    figure = Figure(bundled, FigureSpec(selected=event.id))
    try:
        assert figure.layout.callout_text is not None
        assert "*" not in figure.layout.callout_text[2]  # the quotation the callout shows
    finally:
        figure.close()
