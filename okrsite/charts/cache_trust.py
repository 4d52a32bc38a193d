"""Whether the chart cache may be read: not when git tracks files in it.

The chart cache sits next to mkdocs.yml (`.cache/okrsite`, git-ignored by the files `okrsite init`
writes) and holds what is published as is: SVG and PNG drawings under file names anyone can work
out from the content, and what the renderer loads (font subsets, compiled skeletons in `vega/`,
legends in `legends/`, which go into every KR chart). A file committed there, by a pull request
that force-adds it, would stand in for a chart (an SVG opened at its stable address runs its
scripts), a font or a part of every chart. Only okrsite writes the cache, so a tracked file in it is refused, and the
cache with it: every chart is drawn afresh and nothing is kept until the files are untracked.
ChartRenderer decides (with cachedirs.committed, which git tracks) and each host says so here.
"""

from __future__ import annotations

from pathlib import Path


def refusal(cache_dir: Path, files: list[str]) -> str:
    """What a host says when the renderer refused the cache (`files`: ChartRenderer.refused)."""
    shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return (f"okrsite: the chart cache {cache_dir} holds files committed to git ({shown}); a committed "
            f"file could stand in for a chart, so the cache is not used and every chart is drawn afresh. "
            f"Untrack them: git rm -r --cached {cache_dir}")
