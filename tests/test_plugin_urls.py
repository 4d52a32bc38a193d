"""Page addresses have one implementation, in the core (`okrsite.site.urls`, which must not import
MkDocs); here it is checked against MkDocs' own helpers, which decide where pages really land:
File.url (with and without use_directory_urls) and mkdocs.utils.get_relative_url."""

from __future__ import annotations

import itertools
import re

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from okrsite.site import urls
from okrsite.site.pages import layout

from .conftest import ROOT

OTHER_FILES = ["feeds/all.xml", "charts/okrs/2026-Q4/product/self-serve.svg", "assets/okrsite/okrsite.css"]


@pytest.fixture(scope="module")
def src_uris(sample_org) -> list[str]:
    return [spec.src_uri for spec in layout(sample_org, "ja")] + OTHER_FILES


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_page_urls_are_where_mkdocs_puts_the_pages(src_uris, use_directory_urls):
    def mkdocs_url(src: str) -> str:
        url = File(src, "/docs", "/site", use_directory_urls).url
        return "" if url in (".", "./") else url  # as Page.url gives the home page's

    wrong = [(src, urls.to_url(src, use_directory_urls), mkdocs_url(src)) for src in src_uris
             if urls.to_url(src, use_directory_urls) != mkdocs_url(src)]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_relative_links_are_the_ones_mkdocs_would_write(src_uris, use_directory_urls):
    # pages at different depths (home, an index, a period, a cascade, an objective) and files
    sample = sorted(set(src_uris), key=lambda s: (s.count("/"), s))
    picks = [s for i, s in enumerate(sample) if i % 7 == 0] + ["index.md", "wins.md"] + OTHER_FILES[:2]
    page_urls = [urls.to_url(s, use_directory_urls) for s in picks]
    wrong = [(target, here, urls.relative(target, here), get_relative_url(target, here))
             for target, here in itertools.product(page_urls, page_urls)
             if urls.relative(target, here) != get_relative_url(target, here)]
    assert len(page_urls) > 10
    assert not wrong, wrong[:5]


def test_a_fragment_is_kept_on_the_relative_link():
    assert urls.relative("okrs/q/u/o/#kr-1", "units/u/") == get_relative_url("okrs/q/u/o/", "units/u/") + "#kr-1"


def test_the_core_does_not_import_mkdocs():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "okrsite").rglob("*.py")
                 if "hosts" not in p.parts
                 and re.search(r"^\s*(from|import)\s+mkdocs\b", p.read_text(encoding="utf-8"), re.M)]
    assert not offenders, offenders
