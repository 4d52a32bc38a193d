"""The site view's charts: images in the page's colour scheme, badges and embed snippets.

`ChartView` answers with data (`ChartImage`, `Badge`, `Embed`); the markup is in macros.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..text.escape import html_attr, markdown_link_text
from . import urls
from .links import dom_id

if TYPE_CHECKING:
    from .view import SiteView


@dataclass(frozen=True)
class ChartImage:
    """A chart as two images, one per colour scheme (the page shows one), with its text alternative.
    Both are the one SVG file, whose style sheet follows the `color-scheme` the page's CSS gives the
    image (charts/publish.py), so the browser fetches it once."""

    dom_id: str
    light: str  # drawn for light backgrounds
    dark: str  # drawn for dark backgrounds (the site's slate scheme)
    alt: str
    width: int | None
    height: int | None
    lazy: bool  # printed pages need their images loaded: eager there


@dataclass(frozen=True)
class Badge:
    src: str
    alt: str


@dataclass(frozen=True)
class Embed:
    """Copy-paste snippets of a chart for wikis; `current` when they use the current-period alias."""

    snippets: list[tuple[str, str]]
    badge: Badge | None
    current: bool


@dataclass(frozen=True, slots=True)
class ChartView:
    site: SiteView

    @staticmethod
    def chart_id(thing: Any) -> str:
        from ..charts.catalog import chart_id_of

        return thing if isinstance(thing, str) else chart_id_of(thing)

    def has(self, thing: Any) -> bool:
        published = self.site.published
        return published is not None and self.chart_id(thing) in published.charts

    def image(self, thing: Any, eager: bool = False) -> ChartImage | None:
        if not self.has(thing):
            return None
        from ..charts.publish import chart_file

        cid = self.chart_id(thing)
        links = self.site.links
        width, height = self.site.published.sizes.get(cid, (0, 0))
        svg = urls.relative(chart_file(cid, "svg"), links.here)
        return ChartImage(dom_id("chart-" + cid), svg, svg,
                          self.site.published.charts[cid].alt, width or None, height or None, not eager)

    def empty_note(self, thing: Any) -> str | None:
        """The one line a KR without any check-in shows instead of its (empty) chart; None: show the chart."""
        if not isinstance(thing, KeyResult):
            return None
        from ..charts.specs import has_check_ins

        today = self.site.today
        if has_check_ins(thing, today):
            return None
        running = thing.objective.period.end >= today
        return self.site.t("chart_no_check_in" if running else "chart_no_check_in_final")

    def badge(self, thing: Any) -> Badge | None:
        """The badge of an objective or KR, as shown in wikis; its alt text says what the badge says."""
        if not self.has(thing) or not isinstance(thing, (Objective, KeyResult)):
            return None
        from ..charts.badges import badge_words
        from ..charts.publish import badge_file

        site = self.site
        name, value, _ = badge_words(site.words, site.progress(thing) if isinstance(thing, Objective) else site.kr(thing))
        return Badge(urls.relative(badge_file(self.chart_id(thing)), site.links.here), f"{name}: {value}")

    def alias_of(self, thing: Any) -> str | None:
        """The current-period alias of a chart, when its period is the current one."""
        if self.site.published is None:
            return None
        from ..charts.catalog import aliases

        by_target = self.site.lookups.remember(
            ("chart_aliases",), lambda: {target: name for name, target in aliases(self.site).items()})
        return by_target.get(self.chart_id(thing))

    def embed(self, thing: Any, page: Any = None) -> Embed:
        """Copy-paste snippets for Markdown wikis, Confluence, Notion and HTML."""
        from ..charts.publish import badge_file, chart_file

        alias = self.alias_of(thing)
        cid = alias or self.chart_id(thing)
        chart = self.site.published.charts[self.chart_id(thing)]
        links, t = self.site.links, self.site.t
        title = markdown_link_text(chart.title)
        svg, png, frame = (links.file_url(chart_file(cid, ext)) for ext in ("svg", "png", "html"))
        page_url = links.address(page) if page is not None else svg
        out = [
            (t("embed_markdown"), f"[![{title}]({svg})]({page_url})"),
            *([(t("embed_confluence"), f"!{png}|width=600!")]  # PNGs only where configured (docs/charts.md)
              if chart_file(cid, "png") in self.site.published.paths else []),
            (t("embed_notion"), frame),
            (t("embed_html"), f'<img src="{svg}" alt="{html_attr(chart.alt)}" width="600">\n'
                              f'<iframe src="{frame}" width="620" height="360" style="border:0" '
                              f'title="{html_attr(chart.title)}"></iframe>'),
        ]
        if isinstance(thing, (Objective, KeyResult)):
            out.append((t("embed_badge"), f"[![{title}]({links.file_url(badge_file(cid))})]({page_url})"))
        return Embed(out, self.badge(thing), alias is not None)

    # --- chart ids of pages' charts -------------------------------------------------------------------
    @staticmethod
    def unit_status(unit: Unit, period: Period) -> str:
        from ..charts.catalog import unit_status_id

        return unit_status_id(unit, period)

    @staticmethod
    def unit_history(unit: Unit) -> str:
        from ..charts.catalog import unit_history_id

        return unit_history_id(unit)

    @staticmethod
    def period(period: Period, kind: str) -> str:
        from ..charts.catalog import period_id

        return period_id(period, kind)
