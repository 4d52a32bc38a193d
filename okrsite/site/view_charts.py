"""The site view's charts: images in the page's colour scheme, badges and embed snippets."""

from __future__ import annotations

import re
from typing import Any

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..text.escape import html_attr, markdown_link_text
from . import urls


class ChartViews:
    """Mixed into SiteView (which provides published, here, t(), url() …)."""

    def chart_id(self, thing: Any) -> str:
        from ..charts.catalog import chart_id_of

        return thing if isinstance(thing, str) else chart_id_of(thing)

    def has_chart(self, thing: Any) -> bool:
        return self.published is not None and self.chart_id(thing) in self.published.charts

    def chart(self, thing: Any, eager: bool = False) -> str:
        """The chart as an image in the page's colour scheme (a light and a dark variant; only the
        shown one is loaded), with its text alternative."""
        if not self.has_chart(thing):
            return ""
        from ..charts.publish import chart_file

        cid = self.chart_id(thing)
        chart = self.published.charts[cid]
        alt = html_attr(chart.alt)
        light = urls.relative(chart_file(cid, "svg"), self.here)
        dark = urls.relative(chart_file(cid, "dark.svg"), self.here)
        width, height = self.published.sizes.get(cid, (0, 0))
        size = f'width="{width}" height="{height}"' if width else ""
        lazy = "" if eager else ' loading="lazy"'  # printed pages need their images loaded
        return (f'<figure class="okr-chart" id="chart-{self.dom_id_of(cid)}">'
                f'<img class="okr-chart__img okr-chart__img--light" src="{light}" alt="{alt}" {size}{lazy}>'
                f'<img class="okr-chart__img okr-chart__img--dark" src="{dark}" alt="{alt}" {size} loading="lazy">'
                f'</figure>')

    @staticmethod
    def dom_id_of(chart_id: str) -> str:
        return re.sub(r"[^a-z0-9-]+", "-", chart_id.lower()).strip("-")

    def file_url(self, path: str) -> str:
        """A published file's URL for pasting elsewhere: absolute with site_url, else relative to this page."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + path
        return urls.relative(path, self.here)

    def unit_status_chart(self, unit: Unit, period: Period) -> str:
        from ..charts.catalog import unit_status_id

        return unit_status_id(unit, period)

    def unit_history_chart(self, unit: Unit) -> str:
        from ..charts.catalog import unit_history_id

        return unit_history_id(unit)

    def period_chart(self, period: Period, kind: str) -> str:
        from ..charts.catalog import period_id

        return period_id(period, kind)

    def badge_img(self, thing: Any) -> str:
        """The progress badge of an objective or KR, as shown in wikis."""
        if not self.has_chart(thing) or not isinstance(thing, (Objective, KeyResult)):
            return ""
        from ..charts.publish import badge_file

        src = urls.relative(badge_file(self.chart_id(thing)), self.here)
        return f'<img class="okr-badge" src="{src}" alt="{html_attr(self.t("progress"))}: {html_attr(self.pct(self.progress(thing).progress if isinstance(thing, Objective) else self.kr(thing).progress))}" height="20">'

    def alias_of(self, thing: Any) -> str | None:
        """The current-period alias of a chart, when its period is the current one."""
        if self.published is None:
            return None
        cid = self.chart_id(thing)
        from ..charts.catalog import aliases

        if not hasattr(self, "_aliases"):
            self._aliases = {target: name for name, target in aliases(self).items()}
        return self._aliases.get(cid)

    def embeds(self, thing: Any, alias: str | None = None, page: Any = None) -> list[tuple[str, str]]:
        """Copy-paste snippets for Markdown wikis, Confluence, Notion and HTML."""
        from ..charts.publish import badge_file, chart_file

        cid = alias or self.chart_id(thing)
        chart = self.published.charts[self.chart_id(thing)]
        title = markdown_link_text(chart.title)
        svg, png, frame = (self.file_url(chart_file(cid, ext)) for ext in ("svg", "png", "html"))
        page_url = self.file_url(urls.to_url(self.uri(page), self.use_directory_urls)) if page is not None else svg
        out = [
            (self.t("embed_markdown"), f"[![{title}]({svg})]({page_url})"),
            (self.t("embed_confluence"), f"!{png}|width=600!"),
            (self.t("embed_notion"), frame),
            (self.t("embed_html"), f'<img src="{svg}" alt="{html_attr(chart.alt)}" width="600">\n'
                                   f'<iframe src="{frame}" width="620" height="360" style="border:0" '
                                   f'title="{html_attr(chart.title)}"></iframe>'),
        ]
        if isinstance(thing, (Objective, KeyResult)):
            badge = self.file_url(badge_file(cid))
            out.append((self.t("embed_badge"), f"[![{title}]({badge})]({page_url})"))
        return out
