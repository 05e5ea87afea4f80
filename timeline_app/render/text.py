"""Text from files, made safe for the few Qt places that would read it as markup."""

from __future__ import annotations

import html

__all__ = ["menu_text", "plain_tooltip"]


def plain_tooltip(*lines: str, bold_first: bool = False) -> str:
    """Tooltip markup that shows each line literally (Qt reads tooltips as rich text when they
    look like HTML, so plain text is escaped and wrapped, never passed through)."""
    escaped = [html.escape(line) for line in lines]
    if bold_first and escaped:
        escaped[0] = f"<b>{escaped[0]}</b>"
    return "<p style='white-space:pre-wrap'>" + "<br>".join(escaped) + "</p>"


def menu_text(text: str) -> str:
    """Menu and button text shown literally: '&' would otherwise mark a shortcut letter."""
    return text.replace("&", "&&")
