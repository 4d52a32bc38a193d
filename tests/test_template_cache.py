"""Compiled templates are kept between builds (site/templates.py `_Compiled`) in the user's cache
home, never in the repository, and only in a folder no one else could have written to
(cachedirs.private_folder): bytecode is code. An edited template is compiled anew."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2
import material
import pytest

from okrsite.cachedirs import private_folder
from okrsite.site import templates

from .sitebuild import build_site, small_project


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("OKRSITE_CACHE_DIR", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home"


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from source."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _env(folder: Path) -> jinja2.Environment:
    """An environment with a cache of its own (as a new process has), the disk layer included."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                              bytecode_cache=templates._Compiled())


def test_a_template_compiled_by_one_build_is_read_by_the_next(home, compiled, tmp_path):
    (tmp_path / "t.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    assert _env(tmp_path).get_template("t.html").render(x="a") == "<p>a</p>"
    assert compiled == ["t.html"]
    assert _env(tmp_path).get_template("t.html").render(x="<b>") == "<p>&lt;b&gt;</p>"
    assert compiled == ["t.html"]  # the second "process" read the bytecode from the cache home
    assert len(list((home / "templates").iterdir())) == 1


def test_an_edited_template_is_compiled_anew(home, compiled, tmp_path):
    (tmp_path / "t.html").write_text("old {{ x }}", encoding="utf-8")
    assert _env(tmp_path).get_template("t.html").render(x=1) == "old 1"
    (tmp_path / "t.html").write_text("new {{ x }}", encoding="utf-8")
    assert _env(tmp_path).get_template("t.html").render(x=1) == "new 1"
    assert compiled == ["t.html", "t.html"]


@pytest.mark.parametrize("spoil", ["world-writable", "group-writable", "a file"])
def test_a_folder_someone_else_could_write_is_never_read(spoil, home, compiled, tmp_path):
    folder = home / "templates"
    if spoil == "a file":
        home.mkdir(parents=True)
        folder.write_bytes(b"")
    else:
        folder.mkdir(parents=True)
        folder.chmod(0o777 if spoil == "world-writable" else 0o770)
    assert private_folder("templates") is None
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    for _ in range(2):
        assert _env(tmp_path).get_template("t.html").render(x=1) == "1"
    assert compiled == ["t.html", "t.html"]  # compiled in each "process": nothing kept or read
    if spoil != "a file":
        assert list(folder.iterdir()) == []


def test_the_cache_folder_is_made_private(home):
    folder = private_folder("templates")
    assert folder == home / "templates"
    assert folder.stat().st_mode & 0o777 == 0o700 or os.name != "posix"


def test_a_build_keeps_the_themes_templates_compiled_outside_the_repository(home, tmp_path, monkeypatch):
    """The MkDocs plugin gives the theme's environment the same cache (on_env)."""
    # as a new process: this one's builds may have compiled the theme already, into another home
    monkeypatch.setattr(templates._COMPILED, "store", {})
    monkeypatch.setattr(templates._COMPILED, "_disk", False)
    root = tmp_path / "site-project"
    (root / "content" / "units").mkdir(parents=True)
    (root / "content" / "units" / "acme.md").write_text("---\nname: Acme\nkind: company\n---\n", encoding="utf-8")
    config = small_project(root, "Acme")
    build_site(config, tmp_path / "out")
    main = Path(material.__file__).parent / "templates" / "main.html"
    key = hashlib.sha1(b"main.html" + b"|" + str(main).encode()).hexdigest()
    assert (home / "templates" / f"__jinja2_{key}.cache").is_file()
    assert not any(p.name.startswith("__jinja2_") for p in root.rglob("*"))


def test_a_cache_home_pointed_into_a_repository_is_not_used_once_git_tracks_a_file_there(home, compiled, tmp_path):
    import subprocess

    subprocess.run(["git", "init", "-q", str(home.parent)], check=True)
    folder = private_folder("templates")
    assert folder is not None  # inside a work tree, nothing tracked: still the user's own
    planted = folder / "__jinja2_planted.cache"
    planted.write_bytes(b"")
    subprocess.run(["git", "-C", str(home.parent), "add", "-f", str(planted)], check=True)
    assert private_folder("templates") is None
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    for _ in range(2):
        assert _env(tmp_path).get_template("t.html").render(x=1) == "1"
    assert compiled == ["t.html", "t.html"]
