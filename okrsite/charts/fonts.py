"""Finding a Japanese font for vl-convert.

Without one, vl-convert draws every Japanese character of a PNG as a box, and measures SVG
text with the wrong widths. okrsite looks for a CJK font in the configured directory and in
the usual system places, registers it, and refuses to publish PNGs of Japanese text when
there is none (instead of publishing boxes).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

SYSTEM_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
               "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts")
CJK_FILE = re.compile(r"(ipag|ipaexg|ipagp|NotoSansCJK|NotoSansJP|NotoSerifCJK|SourceHanSans|TakaoGothic|VL-Gothic|"
                      r"HiraginoSans|Hiragino|YuGoth|meiryo|msgothic)", re.I)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
INSTALL_HINT = ("install a Japanese font: `pip install --no-deps matplotlib-fontja` (the IPAexGothic font file "
                "only, not matplotlib), or the system's (Debian/Ubuntu: apt-get install fonts-ipafont-gothic), "
                "or set `charts: {font_dir: DIR}` to a directory holding one")
# Python packages that carry a Japanese font file; installed with --no-deps they are just the font.
FONT_PACKAGES = ("matplotlib-fontja", "japanize-matplotlib")


@cache
def find_cjk_font_dir(configured: str | None = None) -> str | None:
    """A directory holding a CJK font file: the configured one first, then the system's."""
    candidates = [configured] if configured else []
    candidates += [os.path.expanduser(d) for d in SYSTEM_DIRS]
    candidates += package_font_dirs()
    for base in candidates:
        if not base or not os.path.isdir(base):
            continue
        for dirpath, _dirs, files in os.walk(base):
            if any(CJK_FILE.search(f) and f.lower().endswith((".ttf", ".otf", ".ttc")) for f in files):
                return dirpath
    return None


def package_font_dirs() -> list[str]:
    """Directories of font files shipped by FONT_PACKAGES, found from their metadata (without
    importing them: installed with --no-deps, they cannot be imported)."""
    from importlib import metadata

    out = []
    for name in FONT_PACKAGES:
        try:
            files = metadata.files(name) or []
        except metadata.PackageNotFoundError:
            continue
        for f in files:
            if CJK_FILE.search(f.name) and f.name.lower().endswith((".ttf", ".otf", ".ttc")):
                out.append(str(Path(f.locate()).parent))
    return out


def has_japanese(text: str) -> bool:
    return bool(JAPANESE.search(text))


def font_dir_or_none(configured: str | None) -> str | None:
    if configured and not Path(configured).is_dir():
        raise FileNotFoundError(f"charts.font_dir {configured} does not exist")
    return find_cjk_font_dir(configured)
