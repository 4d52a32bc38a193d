"""The cascade across periods: an objective aligned to an earlier period's objective stays in its
own period's cascade (with a note of what it aligns to) and does not show in the earlier one."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from okrsite.site.pages import layout
from okrsite.site.templates import Renderer, environment
from okrsite.site.view import SiteView

from .orgs import org_from

KRS = "  - {id: a, title: A, baseline: 0, target: 10}\n  - {id: b, title: B, baseline: 0, target: 5}\n"


def _objective(period: str, unit: str, slug: str, aligns: str | None = None) -> dict[str, str]:
    line = f"aligns_to: {aligns}\n" if aligns else ""
    return {f"okrs/{period}/{unit}/{slug}.md": f"---\ntitle: {slug}\nowner: pm\n{line}key_results:\n{KRS}---\n"}


def _cascade(org, period_id: str) -> BeautifulSoup:
    spec = next(s for s in layout(org, "en") if s.kind == "cascade" and s.obj.id == period_id)
    html, _ = Renderer(environment(), SiteView(org, "en")).render(spec, f"periods/{period_id}/cascade/")
    return BeautifulSoup(html, "html.parser")


def test_an_objective_aligned_to_an_earlier_period_stays_in_its_own_cascade(tmp_path):
    files = {**_objective("2026-Q3", "acme", "vision"), **_objective("2026-Q4", "acme", "grow"),
             **_objective("2026-Q4", "product", "keep-going", aligns="2026-Q3/acme/vision")}
    org = org_from(tmp_path, files, dt.date(2026, 11, 24))
    assert [d for d in org.diagnostics if d.severity.value == "error"] == []
    q3 = _cascade(org, "2026-Q3")
    assert [a.get_text() for a in q3.select("a.okr-node__title")] == ["vision"]
    q4 = _cascade(org, "2026-Q4")
    orphan = q4.select_one("#okr-orphans li.okr-node")
    assert orphan.select_one("a.okr-node__title").get_text() == "keep-going"
    assert "vision" in orphan.select_one(".okr-node__unit").get_text()  # says what it aligns to, and when
    assert [a.get_text() for a in q4.select("#okr-cascade > li > * a.okr-node__title")] == ["grow"]
