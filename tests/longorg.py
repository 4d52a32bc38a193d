"""A generated organization of real-world size and wording, for the layout tests and screenshots.

50 units (a company and 49 teams), each with one objective whose title is 200 characters long (Japanese,
English, and English with a 70-character word that has no break opportunity), two key results with long
titles, and a check-in; every seventh team has a second KR it has not checked in on yet (the "no check-in
yet" line), and a few others a second KR with a check-in. One period, 2026-Q4, read on 2026-11-24
(tests.browser.TODAY). One KR for most teams keeps the build (its charts) cheap.
"""

from __future__ import annotations

from pathlib import Path

from .sitebuild import small_project

TITLE_LEN = 200
TEAMS = 49
PERIOD = "2026-Q4"

JA = "顧客の声を起点に、オンボーディングから定着までの体験を全面的に見直し、導入企業が初月から成果を実感できる状態をつくる"
EN = ("Make onboarding measurably faster for every enterprise customer so that new accounts reach their first "
      "success within thirty days and renew")
UNBROKEN = "enterprise-billing-platform-migration-for-every-account-in-all-regions"  # 70 characters, no break


def title(i: int) -> str:
    """Exactly TITLE_LEN characters: Japanese, English, or English holding one long unbreakable word."""
    base = (JA, EN + " ", f"Finish the {UNBROKEN} and ")[i % 3]
    text = (f"{i:02d} " + base * 4)[:TITLE_LEN]
    return text[:-1] + "." if text.endswith(" ") else text


def team_id(i: int) -> str:
    return f"team-{i:02d}"


def _unit(kind: str, name: str, parent: str | None, owner: str) -> str:
    parent_line = f"parent: {parent}\n" if parent else ""
    return f"---\nname: {name}\nkind: {kind}\n{parent_line}owners: [{owner}]\n---\n"


KR1 = ("顧客満足度調査で「とても満足」と答えた導入企業の割合を、四半期末までに全セグメントで引き上げる" * 2)[:120]
KR2 = "Active weekly users among the accounts onboarded this quarter, counted from the product analytics"


def _has_kr2(i: int) -> bool:
    return i % 7 in (0, 3)


def _objective(i: int, owner: str) -> str:
    kr2 = f"- {{id: kr2, title: \"{KR2}\", baseline: 100, target: 400, unit: users}}\n" if _has_kr2(i) else ""
    served = "[kr1, kr2]" if _has_kr2(i) else "[kr1]"
    return (f"---\ntitle: \"{title(i)}\"\nowner: {owner}\ntype: aspirational\n"
            "key_results:\n"
            f"- {{id: kr1, title: \"{KR1}\", kind: percentage, baseline: 40, target: 70}}\n{kr2}"
            f"initiatives:\n- {{title: Weekly onboarding review, key_results: {served}, status: in-progress}}\n"
            "---\nWhy this matters.\n")


def _log(i: int, author: str) -> str:
    kr2 = f"  kr2: {{value: {120 + 7 * i}, confidence: 0.6}}\n" if i % 7 == 0 else ""
    return (f"---\ndate: 2026-11-20\nauthor: {author}\nupdates:\n"
            f"  kr1: {{value: {42 + i % 25}, confidence: 0.{3 + i % 6}}}\n{kr2}---\n## 学び\n- Small steps.\n")


def objective_page(i: int) -> str:
    return f"okrs/{PERIOD}/{'company' if i == 0 else team_id(i)}/objective-{i:02d}/"


def never_checked_in(i: int) -> set[str]:
    """The titles of objective i's KRs that no check-in mentions (by _log's rule)."""
    return {KR2} if i % 7 == 3 else set()


def write(root: Path, cache_dir: Path | None = None) -> Path:
    """Write the organization's content under root/content; returns its mkdocs.yml."""
    content = root / "content"
    for d in ("units", f"okrs/{PERIOD}", f"logs/{PERIOD}"):
        (content / d).mkdir(parents=True, exist_ok=True)
    (content / "okrsite.yml").write_text("language: ja\nperiods: {scheme: quarters}\nstale_after_days: 30\n",
                                         encoding="utf-8")
    (content / "units" / "company.md").write_text(_unit("company", "ロングネーム株式会社", None, "ceo"), encoding="utf-8")
    (content / "units" / "ceo.md").write_text("---\nname: 代表 太郎\nkind: person\nparent: company\n---\n", encoding="utf-8")
    units = [("company", "ceo", 0)]
    for i in range(1, TEAMS + 1):
        uid, lead = team_id(i), f"lead-{i:02d}"
        name = f"第{i}事業部 エンタープライズ営業 東日本第{i % 5 + 1}グループ" if i % 2 else f"Customer Success Team {i} (EMEA North)"
        (content / "units" / f"{uid}.md").write_text(_unit("team", name, "company", lead), encoding="utf-8")
        (content / "units" / f"{lead}.md").write_text(
            f"---\nname: Lead Person {i:02d}\nkind: person\nparent: {uid}\n---\n", encoding="utf-8")
        units.append((uid, lead, i))
    for uid, owner, i in units:
        (content / "okrs" / PERIOD / uid).mkdir(exist_ok=True)
        (content / "okrs" / PERIOD / uid / f"objective-{i:02d}.md").write_text(_objective(i, owner), encoding="utf-8")
        (content / "logs" / PERIOD / uid).mkdir(exist_ok=True)
        (content / "logs" / PERIOD / uid / "2026-11-20.md").write_text(_log(i, owner), encoding="utf-8")
    kwargs = {"cache_dir": cache_dir} if cache_dir else {}
    return small_project(root, "Long Names Inc.", lang="ja", **kwargs)
