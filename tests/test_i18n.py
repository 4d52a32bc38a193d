"""Every label the site writes exists in Japanese and English, and dates read naturally."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import okrsite
from okrsite.model.periods import PeriodScheme
from okrsite.site.templates import TEMPLATES
from okrsite.text.dates import format_date, period_label
from okrsite.text.i18n import LABELS, label


def test_every_label_has_both_languages():
    for key, (ja, en) in LABELS.items():
        assert ja.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", ja)) == set(re.findall(r"{(\w+)}", en)), key


def test_every_label_used_by_a_template_or_the_code_exists():
    used = set()
    for path in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"okr\.t\('([\w-]+)'", path.read_text(encoding="utf-8")))
    assert used, "templates use okr.t('…')"
    assert used <= set(LABELS), used - set(LABELS)


def test_every_label_the_python_code_asks_for_exists():
    """Site, charts and the lifecycle files (`_t`) share the one table: a key missing from it fails here,
    not in a user's retrospective stub."""
    package = Path(okrsite.__file__).parent
    call = re.compile(r"""(?:\blabel|\b_t|\.t)\(\s*["']([\w-]+)["']""")
    used = {key: path.name for path in package.rglob("*.py") for key in call.findall(path.read_text(encoding="utf-8"))}
    assert {"retro_head", "carried_head", "feed_title", "progress"} <= set(used)  # the scan sees all three users
    assert set(used) <= set(LABELS), {k: used[k] for k in set(used) - set(LABELS)}


def test_templates_do_not_hard_code_words():
    """Visible words come from the label table; templates hold markup only."""
    for path in TEMPLATES.rglob("*.html"):
        text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}|<style>.*?</style>|<script>.*?</script>", "",
                      path.read_text(encoding="utf-8"), flags=re.S)
        words = re.findall(r">\s*([^<>\s][^<>]*?)\s*<", text)
        assert [w for w in words if re.search(r"[A-Za-z\u3040-\u9fff]{2,}", w)] == [], path.name


@pytest.mark.parametrize("lang, expected", [("ja", "2026年11月24日"), ("en", "Nov 24, 2026")])
def test_dates(lang, expected):
    assert format_date(dt.date(2026, 11, 24), lang) == expected


@pytest.mark.parametrize("month, pid, ja, en", [
    (1, "2026-Q4", "2026年 第4四半期", "Q4 2026"),
    (4, "2026-Q3", "2026年度 第3四半期", "FY2026 Q3"),
])
def test_period_labels(month, pid, ja, en):
    period = PeriodScheme(fiscal_year_start_month=month).parse(pid)
    assert period_label(period, "ja", month) == ja
    assert period_label(period, "en", month) == en


def test_halves():
    period = PeriodScheme("halves", 4).parse("2026-H1")
    assert period_label(period, "ja", 4) == "2026年度 上期"


def test_label_formatting():
    assert label("days_since", "ja", days=3) == "3日前"
    assert label("days_since", "en", days=3) == "3 days ago"
