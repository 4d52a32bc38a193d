"""OKR023 in `okrsite check` works out the page layout only when a contributor file meets a path okrsite
could write (site/shadows.py:possible_outputs); these tests hold that cheap set to the layout's own
answer, so a page added to the layout without its address here cannot slip past the check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrsite.resolve.pipeline import load_organization
from okrsite.site.shadows import content_shadows, generated_outputs, possible_outputs

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize("content", [ROOT / "content", ROOT / "examples" / "lumen-foundation" / "content"])
def test_every_generated_output_is_a_possible_one(content):
    org = load_organization(content, TODAY)
    generated = generated_outputs(org, org.settings.language)
    assert len(generated) > 20  # pages of periods, units and objectives, feeds, assets
    assert set(generated) <= possible_outputs(org), set(generated) - possible_outputs(org)


def test_files_at_a_period_s_pages_and_a_unit_feed_are_reported(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    unit = sorted(p.name for p in (content / "logs" / "2026-Q4").iterdir())[0]
    hostile = ["periods/2026-Q4/cascade.md", "learnings/2026-Q4/index.md", "wins/2026-Q3.md",
               f"feeds/units/{unit}.xml"]
    for rel in hostile:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text("# ours\n", encoding="utf-8")
    (content / "periods" / "2030-Q1.md").write_text("# a period okrsite has no page for\n", encoding="utf-8")
    org = load_organization(content, TODAY)
    found = content_shadows(org, content)
    assert {d.code for d in found} == {"OKR023"}
    assert sorted(Path(d.location.path).relative_to(content).as_posix() for d in found) == sorted(hostile)
