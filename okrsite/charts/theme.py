"""How charts look: transparent background and `currentColor` text, so an SVG inlined in a page
follows the page's light or dark scheme (and is black on white in a PNG or an <img>);
status colours mid-toned to read on both. Published SVGs fix `currentColor` with a style sheet
inside the file (dark text, light text when the reader's scheme is dark); PNGs, which cannot
follow a scheme, come as an opaque light and an opaque dark variant."""

from __future__ import annotations

STATUS_COLORS = {
    "on_track": "#43a047",
    "at_risk": "#f59f00",
    "off_track": "#e53935",
    "not_started": "#9e9e9e",
    "final-green": "#43a047",
    "final-yellow": "#f59f00",
    "final-red": "#e53935",
    "unscored": "#9e9e9e",
    "dropped": "#9e9e9e",
}
BAND_COLORS = {"green": "#43a047", "yellow": "#f59f00", "red": "#e53935", "none": "#9e9e9e"}
# Text colours for light and dark backgrounds, and the opaque backgrounds of the PNG variants (wikis
# with any theme: a transparent PNG with dark text disappears on a dark wiki).
LIGHT_TEXT, DARK_TEXT = "#1f2329", "#e3e5e8"
LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#22252b"
ACCENT = "#3f6ad8"  # the values line
MUTED = "#8a8f98"  # pace line, today marker
# Japanese first: vl-convert measures text with the first font it has; browsers pick what they have.
FONT = "IPAexGothic, IPAGothic, 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, sans-serif"

CONFIG = {
    "background": "transparent",
    "font": FONT,
    "view": {"stroke": None},
    "axis": {
        "labelColor": "currentColor", "titleColor": "currentColor", "domainColor": "currentColor",
        "tickColor": "currentColor", "gridColor": "currentColor", "gridOpacity": 0.12, "domainOpacity": 0.4,
        "tickOpacity": 0.4, "labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": "normal",
    },
    "title": {"color": "currentColor", "subtitleColor": "currentColor", "fontSize": 13, "subtitleFontSize": 11,
              "anchor": "start", "fontWeight": "bold"},
    "legend": {"labelColor": "currentColor", "titleColor": "currentColor", "labelFontSize": 11},
    "text": {"fill": "currentColor", "fontSize": 11},
}
