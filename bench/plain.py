"""The baseline: a plain MkDocs site with the same pages as an okrsite build.

For every page of a built okrsite site, a plain Markdown page at the same path whose
rendered content is about as long (same number of pages, same size distribution: the
large period and people tables become large plain tables). The plain site uses the same
theme, features, search settings and navigation strategy: the same five index pages in
the nav, every other page out of it, and the same pages excluded from search.
"""

from __future__ import annotations

import json
import posixpath
import random
from pathlib import Path

import markdown

from .generate import MARKDOWN_YAML, MKDOCS_MARKER, THEME_YAML
from .generate import NAV as GENERATED_NAV

_ARTICLE = '<article class="md-content__inner md-typeset">'
NAV = [page for _title, page in GENERATED_NAV]
WORDS = ["目標", "主要な結果", "チェックイン", "顧客", "継続率", "商談", "リリース", "学び", "施策", "振り返り",
         "自信度", "ダッシュボード", "オンボーディング", "計測", "改善", "チーム", "進捗", "課題"]


def page_sizes(site_dir: Path) -> dict[str, int]:
    """src path (as okrsite generated it) -> length of the page's rendered content."""
    out: dict[str, int] = {}
    for path in site_dir.rglob("index.html"):
        rel = path.relative_to(site_dir).parent.as_posix()
        text = path.read_text(encoding="utf-8")
        start, end = text.find(_ARTICLE), text.rfind("</article>")
        src = "index.md" if rel == "." else f"{rel}.md"
        out[src] = max(0, end - start) if start >= 0 else 0
    return out


def searched(site_dir: Path) -> set[str]:
    """src paths of the pages that are in the search index."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    out = set()
    for doc in index.get("docs", []):
        loc = doc["location"].split("#", 1)[0].rstrip("/")
        out.add("index.md" if loc == "" else f"{loc}.md")
    return out


def _link(src: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


class _Blocks:
    """Blocks of a typical OKR page and the length of their HTML, to fill a page up to a given size.

    Markdown (a KR table, a check-in list with links, a paragraph with a numbered list) and, as
    okrsite's pages are mostly markup (progress bars, status badges, definition lists), raw HTML
    status cards, mixed so that the share of text in the HTML is about okrsite's (about 15%)."""

    PATTERN = (0, 3, 3, 1, 3, 3, 2, 3, 3)  # block kinds, in turn

    def __init__(self, rng: random.Random, pages: list[str]) -> None:
        self.rng = rng
        self.pages = pages
        md = markdown.Markdown(extensions=["tables", "attr_list", "toc", "sane_lists", "admonition", "md_in_html"],
                               extension_configs={"toc": {"permalink": True}})
        src = "okrs/2026-Q4/team/objective.md"
        sample = [len(md.reset().convert(self.block(src, i))) for i in range(4 * len(self.PATTERN))]
        # MkDocs rewrites `x.md` links into longer directory URLs: about 5% more than Markdown alone
        self.html_per_block = max(200.0, 1.05 * sum(sample) / len(sample))
        self.html_header = 1.05 * len(md.reset().convert(self.header()))

    def words(self, n: int) -> str:
        return "".join(self.rng.choice(WORDS) + ("、" if i % 4 == 3 else "の") for i in range(n)) + "。"

    def header(self) -> str:
        return f"# {self.words(3)[:-1]}\n\n{self.words(12)}\n"

    def card(self) -> str:
        rng = self.rng
        pct, pace = rng.randint(0, 100), rng.randint(0, 100)
        status = rng.choice(["on_track", "at_risk", "off_track"])
        return (f'<div class="kr-card" data-status="{status}">\n'
                f'<span class="bar bar--{status}" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
                f'aria-valuenow="{pct}" aria-label="進捗 {pct}%"><span class="bar__fill" style="width: {pct}%"></span>'
                f'<span class="bar__pace" style="left: {pace}%" title="期待ペース {pace}%"></span></span>\n'
                f'<span class="pct">{pct}%</span> <span class="status status--{status}">'
                f'<span class="status__icon" aria-hidden="true"></span>{self.words(1)[:-2]}</span>\n'
                f'<dl class="facts"><div><dt>スコア</dt><dd><span class="score" title="スコア">{rng.random():.2f}</span></dd></div>'
                f'<div><dt>自信度</dt><dd>{rng.random():.1f}</dd></div></dl>\n</div>\n')

    def block(self, src: str, i: int) -> str:
        rng = self.rng
        links = [f"[{self.words(2)[:-1]}]({_link(src, rng.choice(self.pages))})" for _ in range(3)]
        kind = self.PATTERN[i % len(self.PATTERN)]
        if kind == 0:
            rows = "\n".join(f"| {self.words(3)} | {rng.randint(10, 90)}% | {rng.randint(10, 90)}% | {rng.random():.1f} |"
                             for _ in range(4))
            return (f"{self.words(8)} {links[0]}\n\n| 主要な結果 | 基準値 | 現在値 | 自信度 |\n|---|---:|---:|---:|\n"
                    f"{rows}\n")
        if kind == 1:
            return (f"**2026-11-{rng.randint(1, 24):02d}** · {links[0]}\n\n"
                    + "".join(f"- {links[j % 3]}: **{rng.randint(1, 99)}** — {self.words(3)}\n" for j in range(4))
                    + f"\n> {self.words(6)}\n")
        if kind == 2:
            return f"{self.words(12)}\n\n" + "".join(f"1. {links[j]} {self.words(3)}\n" for j in range(3))
        return self.card()

    def page(self, src: str, size: int, exclude_from_search: bool) -> str:
        front = "---\nsearch:\n  exclude: true\n---\n" if exclude_from_search else ""
        n = max(0, round((size - self.html_header) / self.html_per_block))
        parts = [front + self.header()]
        for i in range(n):
            if i % 9 == 8 and i // 9 < 6:  # a few h2 sections, as okrsite pages have
                parts.append(f"## {self.words(2)[:-1]} {i // 9 + 1}\n")
            parts.append(self.block(src, i))
        return "\n".join(parts)


def write_plain_site(okrsite_site: Path, root: Path, seed: int = 1) -> int:
    """Write `root`/docs and `root`/mkdocs.yml mirroring the pages of the built `okrsite_site`.
    Returns the number of pages."""
    sizes = page_sizes(okrsite_site)
    in_search = searched(okrsite_site)
    pages = sorted(sizes)
    rng = random.Random(seed)
    blocks = _Blocks(rng, pages)
    docs = root / "docs"
    for src in pages:
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(blocks.page(src, sizes[src], src not in in_search), encoding="utf-8")
    for src in NAV:
        if src not in sizes:
            path = docs / src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {src}\n\n{blocks.words(30)}\n", encoding="utf-8")
    nav = "\n".join(f"  - {json.dumps(src)}" for src in NAV)
    (root / "mkdocs.yml").write_text(f"""{MKDOCS_MARKER} (plain MkDocs baseline)
site_name: "plain MkDocs baseline"
docs_dir: docs
site_url: https://plain.bench.example/
site_dir: site
{THEME_YAML}nav:
{nav}
not_in_nav: |
  /*
plugins:
  - search:
      lang: [ja, en]
{MARKDOWN_YAML}""", encoding="utf-8")
    return len(set(pages) | set(NAV))


def mean_article(site_dir: Path) -> float:
    sizes = list(page_sizes(site_dir).values())
    return sum(sizes) / len(sizes) if sizes else 0.0

