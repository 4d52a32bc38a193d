"""`okrsite remind` on the sample: it names exactly the stale KRs, computed here independently from
the files (each KR's latest check-in date in logs/, stale_after_days from okrsite.yml), and no done
ones; the chat payloads and the missing-site_url note."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from okrsite.text.escape import slack_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"


def okrsite(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okrsite", "remind", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]) or {}


def _expected_stale(content: Path, period: str, start: dt.date, end: dt.date, today: dt.date) -> set[str]:
    """The KRs of `period` quiet for more than stale_after_days on `today`, from the files alone:
    none when the period is not running; a boolean last checked in true or milestones with every
    step done is finished, never stale."""
    if not start <= today <= end:
        return set()
    limit = yaml.safe_load((content / "okrsite.yml").read_text(encoding="utf-8"))["stale_after_days"]
    out = set()
    for objective in sorted((content / "okrs" / period).glob("*/*.md")):
        unit = objective.parent.name
        logs = sorted((content / "logs" / period / unit).glob("*.md"))
        for kr in _front(objective).get("key_results", []):
            updates = [(dt.date.fromisoformat(p.stem[:10]), _front(p).get("updates", {}).get(kr["id"])) for p in logs]
            updates = [(day, u) for day, u in updates if u is not None and day <= today]
            last_day, last = updates[-1] if updates else (start, None)
            value = last.get("value") if isinstance(last, dict) else last
            done = (kr["kind"] == "boolean" and value is True) or (
                kr["kind"] == "milestones" and {s["id"] for s in kr["steps"]} <= set(value or []))
            if (today - last_day).days > limit and not done:
                out.add(f"{period}/{unit}/{objective.stem}/{kr['id']}")
    return out


def _named(data: dict) -> set[str]:
    return {kr["qid"] for o in data["owners"] for u in o["units"] for kr in u["key_results"]}


@pytest.mark.parametrize("today", ["2026-12-02", "2026-12-10", "2026-09-25"])
def test_remind_names_the_stale_key_results_and_no_others(today):
    day = dt.date.fromisoformat(today)
    done = okrsite("content", "--format", "json", "--today", today)
    assert done.returncode == 0, done.stderr
    expected = (_expected_stale(SAMPLE, "2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30), day)
                | _expected_stale(SAMPLE, "2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), day))
    assert expected, "the sample has stale KRs on these days"
    assert _named(json.loads(done.stdout)) == expected


def test_groups_by_owner_and_unit_with_the_file_to_add():
    data = json.loads(okrsite("content", "--format", "json", "--today", "2026-12-02").stdout)
    sales = [u for o in data["owners"] if o["owner"] == "kato-mei" for u in o["units"]]
    assert [u["unit"] for u in sales] == ["sales"]
    assert sales[0]["add"] == "content/logs/2026-Q4/sales/2026-12-02.md"
    # repo_url + edit_uri (-/edit/main/content/) of the sample's mkdocs.yml: the host's new-file form
    assert sales[0]["add_url"] == ("https://git.miraiworks.example/okr/okrs/-/new/main/content/logs/2026-Q4/sales"
                                   "?filename=2026-12-02.md&file_name=2026-12-02.md")
    assert {kr["qid"].rsplit("/", 1)[1] for kr in sales[0]["key_results"]} == {"security-review-days", "sales-cycle"}
    page = sales[0]["key_results"][0]["page"]
    assert page.startswith("https://okr.miraiworks.example/okrs/2026-Q4/sales/"), page  # site_url of mkdocs.yml


@pytest.fixture
def done_boolean(tmp_path) -> Path:
    """The sample with the company's SOC 2 KR (boolean) checked in true on 2026-11-20."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    log = content / "logs/2026-Q4/company/2026-11-20.md"
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace("soc2: {value: false,", "soc2: {value: true,"), encoding="utf-8")
    return content


def test_a_done_boolean_is_never_named(done_boolean):
    data = json.loads(okrsite(str(done_boolean), "--format", "json", "--today", "2026-12-10").stdout)
    named = _named(data)
    assert "2026-Q4/company/enterprise-trust/enterprise-deals" in named  # same file, not done: still named
    assert "2026-Q4/company/enterprise-trust/soc2" not in named


def test_without_site_url_it_says_so_once_and_prints_paths(tmp_path):
    done = okrsite(str(SAMPLE), "--today", "2026-12-02", "--config-file", str(tmp_path / "none.yml"))
    assert len([line for line in done.stdout.splitlines() if "site_url" in line]) == 1
    assert "https://" not in done.stdout  # no page links, and no new-file links without repo_url
    assert "(`okrs/2026-Q4/sales/enterprise-entry/#kr-security-review-days`)" in done.stdout


def test_nothing_stale_says_so():
    done = okrsite("content", "--today", "2026-11-21", "--format", "markdown")
    assert "チェックインが必要な主要な結果はありません。" in done.stdout


def test_slack_payload_escapes_titles(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    objective = content / "okrs/2026-Q4/sales/enterprise-entry.md"
    text = objective.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("    title:"))
    objective.write_text(text.replace(title, '    title: "<!channel> 至急 <https://evil.example|ここ>"', 1),
                         encoding="utf-8")
    payload = json.loads(okrsite(str(content), "--format", "slack", "--today", "2026-12-02",
                                 "--site-url", "https://okr.example/").stdout)
    assert payload["text"] and payload["blocks"][0]["type"] == "header"
    text = "\n".join(b["text"]["text"] for b in payload["blocks"] if b["type"] == "section")
    assert "&lt;!channel&gt; 至急 &lt;https://evil.example|ここ&gt;" in text
    assert "<!channel>" not in text
    assert "<https://okr.example/okrs/2026-Q4/sales/enterprise-entry/#kr-" in text


def test_teams_payload_is_an_adaptive_card():
    payload = json.loads(okrsite("content", "--format", "teams", "--today", "2026-12-02").stdout)
    [attachment] = payload["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and all(b["type"] == "TextBlock" for b in card["body"])
    assert any("content/logs/2026-Q4/sales/2026-12-02.md" in b["text"] for b in card["body"])


@given(st.text())
def test_slack_text_cannot_open_a_link_or_a_mention(text):
    out = slack_text(text)
    assert "<" not in out and ">" not in out and "\n" not in out
    assert re.sub(r"&(amp|lt|gt);", "", out).count("&") == 0


@pytest.mark.parametrize("config, expected", [
    # GitHub: edit_uri relative to repo_url
    ("repo_url: https://github.com/acme/okrs\nedit_uri: edit/main/content/\n",
     "https://github.com/acme/okrs/new/main/content/logs/2026-Q4/sales?filename=2026-12-02.md&file_name=2026-12-02.md"),
    # an absolute edit_uri, a python tag elsewhere in the file
    ("repo_url: https://x.example/r\nedit_uri: https://git.example/g/p/-/edit/trunk/docs\n"
     "markdown_extensions:\n  - toc:\n      slugify: !!python/name:pymdownx.slugs.uslugify\n",
     "https://git.example/g/p/-/new/trunk/docs/logs/2026-Q4/sales?filename=2026-12-02.md&file_name=2026-12-02.md"),
    ("repo_url: https://github.com/acme/okrs\n", ""),  # no edit_uri: no form to open
])
def test_the_new_file_link_comes_from_repo_url_and_edit_uri(tmp_path, config, expected):
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text("site_name: x\n" + config, encoding="utf-8")
    data = json.loads(okrsite("content", "--format", "json", "--today", "2026-12-02", "--config-file", str(mkdocs)).stdout)
    [unit] = [u for o in data["owners"] if o["owner"] == "kato-mei" for u in o["units"]]
    assert unit["add_url"] == expected
