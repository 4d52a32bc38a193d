"""The floor of `okrsite check`: reading every file of a content directory and parsing its
YAML front matter with libyaml, nothing else.

    python -m bench.floor CONTENT_DIR

Run as its own process (interpreter start and `import yaml` included) so that it compares with
`okrsite check` run the same way. Prints the number of files and YAML documents parsed.
"""

from __future__ import annotations

import os
import sys

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def floor(root: str) -> tuple[int, int]:
    """(files read, front matters parsed) under `root`, skipping dot files as okrsite does."""
    files = parsed = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            with open(os.path.join(folder, name), "rb") as fh:
                text = fh.read().decode("utf-8-sig")
            files += 1
            if name.endswith((".yml", ".yaml")):
                yaml.load(text, Loader=_Loader)
                parsed += 1
            elif text.startswith("---\n"):
                end = text.find("\n---", 3)
                if end > 0:
                    yaml.load(text[4:end + 1], Loader=_Loader)
                    parsed += 1
    return files, parsed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m bench.floor CONTENT_DIR", file=sys.stderr)
        return 2
    files, parsed = floor(args[0])
    print(f"{files} files read, {parsed} YAML documents parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
