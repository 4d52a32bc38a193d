"""Issue 13: check-ins tied to what they are about, forge links, people's status.

A small team with two objectives, six check-ins (two of them older than the latest four), items with
and without `about`. Every expected value below is written by hand from FILES. One MkDocs build (charts
off) for the whole module; the GitLab and unset forge variants render the objective page with the
Renderer alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from okrsite.resolve.pipeline import load_organization
from okrsite.site.pages import layout
from okrsite.site.templates import Renderer, environment
from okrsite.site.view import SiteView

from .sitebuild import build_site, content_of, page

Q4 = "2026-Q4"
TODAY = dt.date(2026, 11, 24)
REPO = "https://github.com/acme/okrs"


def _log(day: str, body: str = "", **front: str) -> tuple[str, str]:
    extra = "".join(f"{k}:\n{v}" for k, v in front.items())
    return f"logs/{Q4}/product/{day}.md", f"---\nauthor: ana\n{extra}---\n{body}"


FILES = dict([
    ("okrsite.yml", "language: en\nlint:\n  severity: {OKR505: off, OKR506: off, OKR509: off}\n"),
    ("units/acme.md", "---\nname: Acme\nkind: company\n---\n"),
    ("units/product.md", "---\nname: Product Team\nkind: team\nparent: acme\n---\n"),
    ("units/ana.md", "---\nname: Ana Aoki\nkind: person\nparent: product\n---\n"),
    ("units/ben.md", "---\nname: Ben Boyd\nkind: person\nparent: product\n---\n"),
    ("units/cai.md", "---\nname: Cai Chen\nkind: person\nparent: product\n---\n"),  # owns one KR only
    ("units/dee.md", "---\nname: Dee Diaz\nkind: person\nparent: product\n---\n"),  # co-owns beta only
    (f"okrs/{Q4}/product/alpha.md",
     "---\ntitle: Onboarding that works\nowner: ana\ntags: [onboarding]\nkey_results:\n"
     "  - {id: a1, title: Activation rate, baseline: 0, target: 10, owner: cai}\n"
     "  - {id: a2, title: Setup time, baseline: 0, target: 10}\n---\n"),
    (f"okrs/{Q4}/product/beta.md",
     "---\ntitle: Pricing people understand\nowner: [ben, dee]\ntags: [pricing]\nkey_results:\n"
     "  - {id: b1, title: Plan page conversion, baseline: 0, target: 10}\n"
     "  - {id: b2, title: Pricing tickets, baseline: 0, target: 10}\n---\n"),
    _log("2026-10-05", "## Learnings\n- OLDEST-alpha-body\n", updates="  a1: 1\n"),
    _log("2026-10-12", updates="  a1: 2\n", wins="  - OLD-alpha-win\n"),
    _log("2026-11-02", updates="  a1: 3\n  b1: 1\n",
         wins="  - {text: WIN-about-a1, about: a1}\n  - {text: WIN-about-beta, about: beta}\n  - WIN-no-about-both\n"),
    _log("2026-11-09", updates="  b1: 2\n", wins="  - {text: WIN-about-alpha-from-beta-log, about: alpha}\n"),
    _log("2026-11-16", "## Learnings\n- BODY-both\n", updates="  a2: 4\n  b2: 3\n",
         learnings="  - {text: LEARN-about-b1, about: [b1]}\n  - {text: LEARN-about-a2, about: [alpha/a2]}\n"),
    _log("2026-11-20", "## Learnings\n- BODY-alpha-only\n", updates="  a1: 5\n", wins="  - WIN-no-about-alpha\n"),
])
OWN_WINS_OPEN = {"WIN-about-a1", "WIN-about-alpha-from-beta-log", "WIN-no-about-alpha"}


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


MKDOCS = """site_name: Acme OKRs
site_url: https://okr.acme.example/
docs_dir: content
theme: {name: material, language: en, font: false}
plugins:
  - okrsite:
      charts: {enabled: false}
      settings: {forge: {kind: github, repo_url: "REPO", branch: main}}
nav: [index.md, people.md, learnings.md]
""".replace("REPO", REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("about")
    write(root / "content", FILES)
    (root / "content" / "index.md").write_text("# Acme\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return build_site(root / "mkdocs.yml", root / "site", today=TODAY.isoformat())


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("about-content"), FILES)


def _alpha(site: Path) -> BeautifulSoup:
    return content_of(page(site, f"okrs/{Q4}/product/alpha"))


def _texts(nodes) -> set[str]:
    return {li.get_text(" ", strip=True).split(" (About")[0] for li in nodes}


def test_content_checks_clean(content: Path) -> None:
    org = load_organization(content, TODAY)
    assert [d for d in org.diagnostics if d.severity.value == "error"] == []


def test_objective_page_shows_exactly_its_own_items(site: Path) -> None:
    soup = _alpha(site)
    timeline = soup.select_one(".okr-timeline")
    open_entries = timeline.find_all("article", recursive=False)
    own = set()
    for entry in open_entries:
        own |= _texts(entry.select(".okr-log__own li"))
    assert own == OWN_WINS_OPEN | {"LEARN-about-a2"}
    other = set()
    for entry in open_entries:
        other |= _texts(entry.select("details.okr-log__other li"))
    assert other == {"WIN-about-beta", "WIN-no-about-both", "LEARN-about-b1", "BODY-both"}
    # the body of a check-in on alpha alone is shown open; of one on both objectives, only collapsed
    bodies = [e.select_one(".okr-log__body") for e in open_entries]
    shown = [b.get_text(" ", strip=True) for b in bodies if b is not None and b.find_parent("details") is None]
    assert shown == ["Learnings BODY-alpha-only"]


def test_objective_page_values_are_its_own(site: Path) -> None:
    soup = _alpha(site)
    values = {a.get_text(strip=True) for a in soup.select(".okr-log__values a")}
    assert values == {"Activation rate", "Setup time"}


def test_timeline_collapses_after_the_latest_four(site: Path) -> None:
    soup = _alpha(site)
    timeline = soup.select_one(".okr-timeline")
    dates = [t["datetime"] for t in timeline.select(":scope > article > header time")]
    assert dates == ["2026-11-20", "2026-11-16", "2026-11-09", "2026-11-02"]
    earlier = soup.select_one("details.okr-timeline__earlier")
    assert [t["datetime"] for t in earlier.select("article > header time")] == ["2026-10-12", "2026-10-05"]
    assert "Earlier check-ins (2)" in earlier.summary.get_text()
    assert earlier.find(string=lambda s: "OLD-alpha-win" in s) is not None


def test_beta_page_has_no_alpha_only_check_in(site: Path) -> None:
    soup = content_of(page(site, f"okrs/{Q4}/product/beta"))
    dates = [t["datetime"] for t in soup.select(".okr-timeline article > header time")]
    assert dates == ["2026-11-16", "2026-11-09", "2026-11-02"]
    own = _texts(soup.select(".okr-log__own li"))
    assert own == {"WIN-about-beta", "LEARN-about-b1"}


def test_learning_tags_come_from_what_the_item_is_about(site: Path) -> None:
    soup = content_of(page(site, "learnings"))
    tags = {li.select_one(".okr-item__text").get_text(strip=True): li["data-tags"].split()
            for li in soup.select("li.okr-item")}
    assert tags["LEARN-about-b1"] == ["pricing"]
    assert tags["LEARN-about-a2"] == ["onboarding"]
    assert tags["BODY-both"] == []  # a check-in on both objectives: its body's learnings concern neither alone
    assert tags["BODY-alpha-only"] == ["onboarding"]
    about = {li.select_one(".okr-item__text").get_text(strip=True): [a.get_text(strip=True) for a in li.select(".okr-about a")]
             for li in soup.select("li.okr-item")}
    assert about["LEARN-about-a2"] == ["Setup time"] and about["BODY-both"] == []


def test_about_links_on_the_unit_page(site: Path) -> None:
    soup = content_of(page(site, "units/product"))
    li = next(li for li in soup.select(".okr-told li") if li.get_text().startswith("LEARN-about-b1"))
    assert [a.get_text(strip=True) for a in li.select(".okr-about a")] == ["Plan page conversion"]


def test_github_links_name_the_page_and_file(site: Path) -> None:
    soup = _alpha(site)
    comment = soup.select_one(".okr-summary .okr-feedback__comment")["href"]
    parts = urlsplit(comment)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query["title"] == ["Comment on the objective \"Onboarding that works\""]
    assert f"File: content/okrs/{Q4}/product/alpha.md" in query["body"][0]
    assert f"https://okr.acme.example/okrs/{Q4}/product/alpha/" in query["body"][0]
    suggest = soup.select_one(".okr-summary .okr-feedback__suggest")["href"]
    assert suggest == f"{REPO}/edit/main/content/okrs/{Q4}/product/alpha.md"
    entry = soup.select_one(".okr-timeline article")
    assert entry.select_one(".okr-feedback__suggest")["href"] == f"{REPO}/edit/main/content/logs/{Q4}/product/2026-11-20.md"


def _render_alpha(content: Path, forge: dict | None) -> BeautifulSoup:
    org = load_organization(content, TODAY, {"forge": forge} if forge is not None else None)
    view = SiteView(org, "en", site_url="https://okr.acme.example/")
    spec = next(s for s in layout(org, "en") if s.kind == "objective" and s.obj.slug == "alpha")
    html, _ = Renderer(environment(), view).render(spec, f"okrs/{Q4}/product/alpha/")
    return BeautifulSoup(html, "html.parser")


def test_gitlab_links(content: Path) -> None:
    soup = _render_alpha(content, {"kind": "gitlab", "repo_url": "https://gitlab.example/acme/okrs/",
                                   "branch": "okrs", "content_path": "okr data"})
    comment = urlsplit(soup.select_one(".okr-summary .okr-feedback__comment")["href"])
    assert comment.path == "/acme/okrs/-/issues/new"
    query = parse_qs(comment.query)
    assert query["issue[title]"] == ["Comment on the objective \"Onboarding that works\""]
    assert f"File: okr data/okrs/{Q4}/product/alpha.md" in query["issue[description]"][0]
    suggest = soup.select_one(".okr-summary .okr-feedback__suggest")["href"]
    assert suggest == f"https://gitlab.example/acme/okrs/-/edit/okrs/okr%20data/okrs/{Q4}/product/alpha.md"


def test_templates_are_percent_encoded(content: Path) -> None:
    soup = _render_alpha(content, {"issue_url": "https://tracker.example/new?t={title}&d={body}",
                                   "edit_url": "https://git.example/edit/{branch}/{path}"})
    comment = soup.select_one(".okr-summary .okr-feedback__comment")["href"]
    assert comment.startswith("https://tracker.example/new?t=Comment%20on%20the%20objective%20%22Onboarding")
    assert "&d=Page%3A%20https%3A%2F%2Fokr.acme.example" in comment


def test_no_links_when_unset(content: Path) -> None:
    soup = _render_alpha(content, None)
    assert soup.select(".okr-feedback") == []
    assert soup.select(".okr-timeline article")  # the check-ins are there, just without links


def test_people_show_status_of_what_they_own(site: Path) -> None:
    soup = content_of(page(site, "people"))
    rows = {tr.select_one("td a").get_text(strip=True): tr for tr in soup.select("tbody tr")}
    cai = rows["Cai Chen"]
    assert "Nothing this period" not in cai.get_text()
    assert [a.get_text(strip=True) for a in cai.select(".okr-owned a")] == ["Activation rate"]
    assert cai.select_one(".okr-owned li .okr-status") is not None
    assert cai.select_one(".okr-owned .okr-pct").get_text(strip=True) == "50%"  # a1: 5 of 0 → 10
    dee = rows["Dee Diaz"]
    assert [a.get_text(strip=True) for a in dee.select(".okr-owned a")] == ["Pricing people understand"]
    assert dee.select_one(".okr-owned .okr-pct") is not None


@pytest.mark.parametrize("who, owned", [("cai", ["Activation rate"]), ("dee", ["Pricing people understand"])])
def test_person_page_shows_status_of_what_they_own(site: Path, who: str, owned: list[str]) -> None:
    soup = content_of(page(site, f"units/{who}"))
    text = soup.get_text(" ", strip=True)
    assert "No objectives this period" not in text and "no objectives this period" not in text.lower()
    items = soup.select(".okr-owned li")
    assert [li.select_one("a").get_text(strip=True) for li in items] == owned
    assert all(li.select_one(".okr-status") and li.select_one(".okr-pct") for li in items)
