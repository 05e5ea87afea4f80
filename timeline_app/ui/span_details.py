"""The Details panel's membership parts: a selected span (who, status, from and to as the sources
give them, where they disagree, each claim with its role, excerpt and reference, and links to
its events), and the "Follow COUNTRY" buttons beside country names (of spans and events)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from ..core.membership import ROLE_WORDS, Boundary, Claim, Span, span_claims
from ..core.model import Event, Timeline
from ..core.state import ViewState
from ..render.text import menu_text

if TYPE_CHECKING:
    from .detail_panel import DetailPanel

__all__ = ["ROLE_WORDS", "event_link", "follow_row", "span_summary", "span_title", "span_widgets"]

EVENT_HREF = "event:"  # a link to an event: this prefix and its id
FOLLOW_BUTTON = "followCountry"  # object name of the follow buttons
FOLLOW_BUTTONS_AT_MOST = 3  # more countries than this: one button with a menu


def span_title(timeline: Timeline, span: Span) -> str:
    """'Uzbekistan in CST/CSTO'."""
    lane = timeline.lane(span.lane)
    return f"{span.country} in {lane.name if lane else span.lane}"


def _who(timeline: Timeline, boundary: Boundary) -> str:
    """' (Monitor; RFE/RL)': the sources that date a boundary, each once (the claims below give
    the passages and their places)."""
    refs: list[str] = []
    for claim in boundary.claims:
        for citation in claim.citations:
            source = timeline.source(citation.source)
            ref = source.short() if source else citation.source
            if ref not in refs:
                refs.append(ref)
    return f" ({'; '.join(refs)})" if refs else ""


def span_summary(timeline: Timeline, span: Span) -> str:
    """'member, from 1992 (Monitor) to 1999 (RFE/RL)': the status, and its start and end as the
    sources give them, with the sources that give them."""
    since = f"{span.since_text()}{_who(timeline, span.start)}"
    start = since if span.since_unknown else f"from {since}"
    if span.end is None:
        return f"{span.status}, {start}; no source states an end"
    return f"{span.status}, {start} to {span.until_text()}{_who(timeline, span.end)}"


def event_link(state: ViewState, event: Event) -> QtWidgets.QLabel:
    """The event's title and date as a link: a click selects the event (showing its lane first
    if it is hidden) and brings it into view."""
    text = f"{event.title} ({event.date_text()})"
    label = QtWidgets.QLabel(f'<a href="{EVENT_HREF}{html.escape(event.id, quote=True)}">{html.escape(text)}</a>')
    label.setObjectName("eventLink")
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setWordWrap(True)
    flags = QtCore.Qt.TextInteractionFlag
    label.setTextInteractionFlags(flags.LinksAccessibleByMouse | flags.LinksAccessibleByKeyboard)
    label.setOpenExternalLinks(False)
    label.setProperty("plainText", text)
    label.setAccessibleName(f"Event: {text}")
    label.setToolTip("Select this event")
    label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Minimum)
    label.linkActivated.connect(lambda _href, e=event.id: _select_event(state, e))
    return label


def _select_event(state: ViewState, event_id: str) -> None:
    event = state.timeline.event(event_id) if state.timeline else None
    if event is None:
        return
    if not set(event.lanes) & set(state.visible_lanes):
        state.set_visible_lanes([*state.visible_lanes, event.lanes[0]])
    state.select(event_id)
    state.reveal(event_id)


def follow_row(state: ViewState, countries: Sequence[str]) -> QtWidgets.QWidget:
    """ "Follow Belarus" (a button per country, up to a few), or "Follow a country" with a menu of
    them; the one followed now reads "Stop Following"."""
    from .detail_panel import _action_button, _ActionRow

    def label(country: str) -> str:
        return f"Stop Following {country}" if state.followed == country else f"Follow {country}"

    def act(country: str) -> None:
        state.follow_country(None if state.followed == country else country)

    tip = "Highlight this country in every lane: its membership rows and its events"
    buttons: list[QtWidgets.QToolButton] = []
    if len(countries) <= FOLLOW_BUTTONS_AT_MOST:
        for country in countries:
            button = _action_button(menu_text(label(country)), tip)
            button.setObjectName(FOLLOW_BUTTON)
            button.setAccessibleName(label(country))
            button.clicked.connect(lambda _=False, c=country: act(c))
            buttons.append(button)
    else:
        button = _action_button("Follow a country", tip)
        button.setObjectName(FOLLOW_BUTTON)
        menu = QtWidgets.QMenu(button)
        for country in countries:
            menu.addAction(menu_text(label(country)), lambda c=country: act(c))
        button.setMenu(menu)
        button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        buttons.append(button)
    return _ActionRow(buttons)


def span_widgets(panel: DetailPanel, timeline: Timeline, span: Span) -> list[QtWidgets.QWidget]:
    """What Details shows of a span, top to bottom."""
    from .detail_panel import _label

    state = panel.state
    widgets: list[QtWidgets.QWidget] = [
        _label(span_title(timeline, span), object_name="title"),
        _label(span_summary(timeline, span), object_name="meta"),
        follow_row(state, [span.country]),
    ]
    if span.disputed:
        widgets.append(_label(span.disagreement() or "Sources disagree on it.", object_name="disagree"))
    roles = span_claims(span)
    heading = "Claim" if len(roles) == 1 else f"Claims ({len(roles)})"
    widgets.append(_label(heading, object_name="heading", selectable=False))
    for role, claim in roles:
        widgets += _claim_widgets(panel, timeline, role, claim)
    events = span.events()
    heading = "Event" if len(events) == 1 else f"Events ({len(events)})"
    widgets.append(_label(heading, object_name="heading", selectable=False))
    widgets += [event_link(state, event) for event in events]
    return widgets


def _claim_widgets(panel: DetailPanel, timeline: Timeline, role: str, claim: Claim) -> list[QtWidgets.QWidget]:
    """A claim: its role and what it says, the event that states it, and its citations."""
    from .detail_panel import _label

    said = _label(f"{ROLE_WORDS[role].capitalize()}: {claim.words()}", object_name="claim")
    said.setAccessibleName(f"{ROLE_WORDS[role]}: {claim.words()}")
    widgets: list[QtWidgets.QWidget] = [said, event_link(panel.state, claim.event)]
    widgets += [panel.citation_block(timeline, citation) for citation in claim.citations]
    return widgets
