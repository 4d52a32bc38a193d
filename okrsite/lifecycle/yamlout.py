"""Hand-editable YAML: block style, unicode, the sample's quoting, comments."""

from __future__ import annotations

from typing import Any

import yaml

from ..text.numbers import as_written, file_number


class _Dumper(yaml.SafeDumper):
    """Block style, unicode, keys in the order given; multi-line text as a literal block; text that
    needs quotes in double quotes, as the sample content writes it (`unit: "%"`)."""

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _yaml(value: Any, flow: bool = False) -> str:
    out = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=flow,
                    width=10**9)
    return out.rstrip("\n").removesuffix("\n...")


def _entry(key: str, value: Any, flow: bool = False) -> list[str]:
    """`key: value` as lines (lists of scalars in flow style, as the sample writes tags)."""
    if flow:
        return [f"{key}: {_yaml(value, flow=True)}"]
    return _yaml({key: value}).split("\n")


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _comments(text: str, indent: str = "") -> list[str]:
    """A comment of several lines (the text's lines)."""
    return [indent + _comment(line) for line in text.split("\n")]


def _num(value: Any) -> Any:
    """63.0 → 63: numbers as a person writes them."""
    return as_written(value)


def _show(value: Any, unit: str = "") -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return f"{file_number(value)}{unit}"


def _indent(lines: list[str], prefix: str) -> list[str]:
    return [prefix + line if line else line for line in lines]


def _item(lines: list[str], indent: str) -> list[str]:
    """Lines of a mapping as one block-sequence item (`- ` before the first key)."""
    out = []
    for i, line in enumerate(lines):
        out.append(indent + ("- " if i == 0 else "  ") + line)
    return out


def _document(front: list[str], body: str) -> str:
    return "---\n" + "\n".join(front) + "\n---\n" + body.strip() + "\n"
