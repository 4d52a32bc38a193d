"""A hostile organization: every text field and every Markdown body of every file kind carries a script
payload, each placement with its own marker (`window.__okxN`), so a browser test can say which placement ran.

Payload k lives in unit `u<k>` (its person, objective, check-in and retrospective), so payloads never
interfere; okrsite.yml's strings (period labels, unit kind labels) carry every payload at once. A payload
that runs sets its global; a payload that loads something requests a URL containing `__okx`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .orgs import write
from .sitebuild import CHART_CACHE

MARK = "__okx"
SEEN = "okxseen"


def _js(n: int) -> str:
    return f"window.{MARK}{n}=1"


# name -> payload made from the JavaScript that sets one marker (and the marker, for URL loads)
PAYLOADS: dict[str, object] = {
    "script": lambda js, n: f"<script>{js}</script>",
    "img-onerror": lambda js, n: f'<img src="x" onerror="{js}">',
    "svg-onload": lambda js, n: f'<svg onload="{js}"><circle r="1" /></svg>',
    "md-js-link": lambda js, n: f"[click{n}](javascript:void({js}))",
    "mixed-case-link": lambda js, n: f'<a href="JaVaScRiPt:void({js})">c{n}</a>',
    "entity-tab-link": lambda js, n: f'<a href="jav&#x09;ascript:void({js})">t{n}</a>',
    "iframe-srcdoc": lambda js, n: f'<iframe srcdoc="<script>parent.{js}</script>"></iframe>',
    "style-url": lambda js, n: f'<span style="background-image:url(/{MARK}{n}.png)">s{n}</span>',
    "md-in-html": lambda js, n: f'<div markdown="1">\n<img src="x" onerror="{js}">\n</div>',
    "attr-breakout": lambda js, n: f"\"'><script>{js}</script><img src=x onerror={js}><img src=\"x\" onerror=\"{js}\">",
    "textarea-title-breakout": lambda js, n: f"</textarea></title></noscript><script>{js}</script>",
    "template-syntax": lambda js, n: f'{{{{ 7*7 }}}}{{% if 1 %}}<img src="x" onerror="{js}">{{% endif %}}',
    "details-ontoggle": lambda js, n: f'<details open ontoggle="{js}"><summary>d{n}</summary>x</details>',
    "attr-list": lambda js, n: f'**b{n}**{{: onmouseover="{js}" onclick="{js}" }}',
    "data-link": lambda js, n: f'<a href="data:text/html,&lt;script&gt;{js}&lt;/script&gt;">d{n}</a>',
    "form-action": lambda js, n: f'<form action="javascript:void({js})"><button>f{n}</button></form>',
    "object-embed": lambda js, n: f'<object data="javascript:void({js})"></object><embed src="javascript:void({js})">',
    "meta-link-load": lambda js, n: f'<link rel="stylesheet" href="/{MARK}{n}.css"><meta http-equiv="refresh" '
                                    f'content="0;url=/{MARK}{n}.html">',
}
# the link field gets URLs, not HTML
LINKS = {
    "md-js-link": lambda js: f"javascript:void({js})",
    "mixed-case-link": lambda js: f"JaVaScRiPt:void({js})",
    "entity-tab-link": lambda js: f"jav\tascript:void({js})",
    "data-link": lambda js: f"data:text/html,<script>{js}</script>",
}


def _short(n: int) -> str:
    """A payload that fits a tag (at most 40 characters with its visible tag)."""
    return f"<img src=x onerror={MARK}{n}=1>"


@dataclass(frozen=True)
class Placement:
    n: int
    field: str
    payload: str
    text: str


class Corpus:
    """Every placement, numbered."""

    def __init__(self) -> None:
        self.placements: list[Placement] = []

    def put(self, field: str, payload: str, text: str | None = None, seen: str | None = " ") -> str:
        """The payload for one placement; unless `seen` is None, after a visible `okxseen<n>` and `seen`
        (a test finds it in the output: the field reached the site)."""
        n = len(self.placements)
        made = text if text is not None else PAYLOADS[payload](_js(n), n)
        self.placements.append(Placement(n, field, payload, made))
        return made if seen is None else f"{SEEN}{n}{seen}{made}"

    def yaml(self, field: str, payload: str, prefix: str = "") -> str:
        """A front-matter string (JSON is valid YAML) holding the payload."""
        return json.dumps(prefix + self.put(field, payload), ensure_ascii=False)

    def by_number(self, n: int) -> Placement:
        return self.placements[n]


def _unit_files(c: Corpus, k: int, name: str) -> dict[str, str]:
    u, p = f"u{k}", f"p{k}"
    y = lambda field, prefix="": c.yaml(field, name, prefix)  # noqa: E731
    body = lambda field: c.put(field, name, seen="\n\n")  # noqa: E731
    item = lambda field: c.put(field, name)  # noqa: E731
    files = {
        f"units/{u}.md": f"---\nname: {y('unit.name', 'Unit ')}\nkind: team\nparent: acme\n---\n"
                         f"Mission\n\n{body('unit.body')}\n",
        f"units/{p}.md": f"---\nname: {y('person.name', 'Person ')}\nkind: person\nparent: {u}\n"
                         f"role: {y('person.role')}\n---\n{body('person.body')}\n",
    }
    link = LINKS.get(name)
    link_value = json.dumps(c.put("initiative.link", name, LINKS[name](_js(len(c.placements))), seen=None) if link
                            else "https://tickets.example/1")
    tag = lambda field: json.dumps(c.put(field, "short-img", _short(len(c.placements)), seen=""))  # noqa: E731
    files[f"okrs/2026-Q4/{u}/o.md"] = (
        f"---\ntitle: {y('objective.title', 'Objective ')}\nowner: {p}\ntype: aspirational\n"
        f"tags: [{tag('objective.tag')}]\nkey_results:\n"
        f"  - id: a\n    title: {y('kr.title', 'KR ')}\n    baseline: 0\n    target: 100\n"
        f"    unit: {y('kr.unit')}\n    measurement: {y('kr.measurement')}\n"
        f"  - id: m\n    title: {y('kr2.title', 'Steps ')}\n    kind: milestones\n    steps:\n"
        f"      - {{id: s1, title: {y('step.title')}}}\n      - {{id: s2, title: plain}}\n"
        f"initiatives:\n  - title: {y('initiative.title')}\n    key_results: [a]\n    link: {link_value}\n"
        f"---\n# Why\n\n{body('objective.body')}\n")
    files[f"logs/2026-Q4/{u}/2026-11-20.md"] = (
        f"---\ndate: 2026-11-20\nauthor: {p}\nupdates:\n"
        f"  a: {{value: 40, confidence: 0.6, note: {y('update.note')}}}\n  m: [s1]\n"
        f"wins:\n  - {y('win')}\ntags: [{tag('log.tag')}]\n"
        f"changes:\n  - {{key_result: a, field: target, from: 90, to: 100, reason: {y('change.reason')}}}\n"
        f"---\n{body('log.body')}\n\n## Learnings\n\n- {item('log.learning')}\n\n"
        f"## Blockers\n\n- {item('log.blocker')}\n\n## Next steps\n\n- {item('log.next')}\n")
    files[f"retros/2026-Q4/{u}.md"] = (
        f"---\nstatus: published\nscores:\n  a: {{score: 0.4, reason: {y('score.reason')}}}\n"
        f"unit_score: 0.5\nunit_score_reason: {y('retro.unit_score_reason')}\n"
        f"went_well:\n  - {y('retro.went_well')}\nto_improve:\n  - {y('retro.to_improve')}\n"
        f"learnings:\n  - {y('retro.learning')}\n"
        f"carry_forward:\n  - {{ref: o, action: continue, note: {y('carry.note')}}}\n"
        f"---\n{body('retro.body')}\n")
    return files


def corpus_files() -> tuple[Corpus, dict[str, str]]:
    """The content files of the hostile organization and the placements they hold."""
    c = Corpus()
    files = {"units/acme.md": "---\nname: Acme\nkind: company\n---\nThe company.\n"}
    for k, name in enumerate(PAYLOADS):
        files.update(_unit_files(c, k, name))
    labels = "".join(c.put("settings.period_label", name) for name in PAYLOADS)
    kind_label = "".join(c.put("settings.unit_kind_label", name) for name in PAYLOADS)
    files["okrsite.yml"] = (
        "language: en\nperiods:\n  scheme: custom\n  custom:\n"
        "    - {id: 2026-Q3, start: 2026-07-01, end: 2026-09-30, label: Q3}\n"
        f"    - {{id: 2026-Q4, start: 2026-10-01, end: 2026-12-31, label: {json.dumps('Q4 ' + labels)}}}\n"
        f"unit_kind_labels:\n  team: {json.dumps('Team ' + kind_label)}\n"
        "lint:\n  severity: {OKR501: off, OKR502: off, OKR503: off, OKR504: off, OKR505: off, OKR506: off,"
        " OKR507: off, OKR508: off, OKR509: off, OKR510: off, OKR511: off, OKR512: off, OKR513: off, OKR514: off}\n")
    return c, files


MKDOCS = """site_name: Hostile
site_url: {site_url}
docs_dir: content
theme: {{name: material, language: en, font: false}}
plugins:
  - search
  - okrsite:
      offline: warn
      charts: {{cache_dir: {cache}}}
markdown_extensions: [attr_list, md_in_html, tables, admonition, footnotes, def_list, pymdownx.details,
  pymdownx.superfences, pymdownx.highlight, pymdownx.tasklist]
"""


def hostile_project(root: Path, site_url: str = "https://okr.example/") -> tuple[Corpus, Path]:
    """The hostile content and a mkdocs.yml under `root`; returns the placements and the mkdocs.yml."""
    corpus, files = corpus_files()
    write(root / "content", files)
    home = corpus.put("home.body", "script", seen="\n\n")
    heading = corpus.put("home.heading", "img-onerror")
    (root / "content" / "index.md").write_text(f"# Hostile\n\nHome\n\n{home}\n\n## {heading}\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS.format(site_url=site_url, cache=CHART_CACHE), encoding="utf-8")
    return corpus, config


def build_served(config_file: Path, site_dir: Path, today: str = "2026-11-24") -> Path:
    """The site as `mkdocs serve` builds it: content errors (the corpus's unsafe links are OKR122) are
    shown on every page instead of stopping the build, so what a reader would get is still built."""
    import datetime as dt

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(config_file), site_dir=str(site_dir))
    cfg.plugins["okrsite"].config.today = dt.date.fromisoformat(today)
    cfg.plugins.on_startup(command="serve", dirty=False)
    try:
        build(cfg, serve_url="")
    finally:
        cfg.plugins.on_shutdown()
    return site_dir
