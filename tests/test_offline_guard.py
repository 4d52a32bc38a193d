"""The offline guard (site/offline.py) reads a page as a browser does and finds every URL on
another host that the page loads by itself. Expected answers are written by hand from the HTML
standard: what a browser fetches, what it merely links to."""

from __future__ import annotations

import time

import pytest

from okrsite.site.offline import fetched_urls, remote_loads, srcset_urls

R = "https://cdn.example/x.png"
P = "//cdn.example/x.png"  # protocol-relative: the page's own scheme, another host

LOADS = [  # (page, the remote URL it loads)
    (f'<img src="{R}">', R),
    (f"<img src={R}>", R),  # unquoted
    (f"<IMG SRC='{R}' alt=x>", R),
    (f"<img/src={P}>", P),
    (f"<img\nsrc\n=\n{P}>", P),
    (f'<img src="a.png" srcset="a.png 1x, {R} 2x">', R),
    (f'<img srcset="a.png 1x,{P} 2x">', P),
    (f'<picture><source srcset="{R}"><img src="a.png"></picture>', R),
    (f'<link rel="stylesheet" href="{R}">', R),
    (f"<link rel=icon href={P}>", P),
    (f'<link rel="modulepreload" href="{R}">', R),
    (f'<link rel="preconnect" href="{R}">', R),
    (f'<link rel="alternate stylesheet" href="{R}">', R),
    (f'<link rel=preload as=image imagesrcset="{R} 1x">', R),
    (f'<script src="{R}"></script>', R),
    (f'<iframe src="{R}"></iframe>', R),
    (f'<video poster="{R}"></video>', R),
    (f'<audio><source src="{R}"></audio>', R),
    (f'<object data="{R}"></object>', R),
    (f'<embed src="{R}">', R),
    (f'<table background="{R}"><tr><td>x</td></tr></table>', R),
    (f"<input type=image src={P}>", P),
    (f'<div style="background:url({R})">x</div>', R),
    (f"<div style='background-image: url( \"{R}\" )'>x</div>", R),
    (f'<div style="background:url(&quot;{R}&quot;)">x</div>', R),  # a character reference in the attribute
    (f'<div style="background:\\75 rl({R})">x</div>', R),  # a CSS escape: \75 is `u`
    (f'<div style="background:url(/**/&quot;{R}&quot;)">x</div>', R),  # a comment is only a gap
    (f'<style>a {{ background: url("{R}") }}</style>', R),
    (f"<style>@import '{R}';</style>", R),
    (f"<style>@import url({P});</style>", P),
    (f'<style>a {{ background: image-set("{R}" 1x, "b.png" 2x) }}</style>', R),
    (f'<style>a {{ background: -webkit-image-set(url({R}) 1x) }}</style>', R),
    (f'<svg><image href="{R}"/></svg>', R),
    (f'<svg><image xlink:href="{R}"/></svg>', R),
    (f'<svg><use href="{R}#icon"/></svg>', R + "#icon"),
    (f'<svg><rect fill="url({R}#g)"/></svg>', R + "#g"),
    (f'<meta http-equiv="refresh" content="0; url={R}">', R),
    (f"<meta http-equiv=Refresh content=\"5;URL='{R}'\">", R),
    (f'<base href="{P}">', P),
    (f'<a href="a.html" ping="{R}">x</a>', R),
    ('<img src="&#x2f;&#x2f;cdn.example/x.png">', P),
    (f'<img src=" {R} ">', f" {R} "),  # spaces around a URL are ignored by browsers
    ('<img src="\\\\cdn.example\\x.png">', "\\\\cdn.example\\x.png"),  # backslashes read as slashes
    ("<img src=http:cdn.example/x.png>", "http:cdn.example/x.png"),  # absolute on an https page
    (f'<a title=">"><img src={R}></a>', R),  # a quoted `>` does not end the tag
    (f"</p title='>'><img src={R}>", R),
    (f"<!--><img src={R}>", R),  # `<!-->` is a whole (empty) comment
    (f'<iframe srcdoc="&lt;img src=&quot;{R}&quot;&gt;"></iframe>', R),
]
QUIET = [  # pages that load nothing from another host
    f'<a href="{R}">a link</a>',
    f'<link rel="canonical" href="{R}">',
    f'<link rel="alternate" type="application/atom+xml" href="{R}">',
    f'<link href="{R}">',  # no rel: nothing to load
    '<img src="/assets/logo.png" srcset="logo.png 1x, logo@2x.png 2x">',
    '<img src="data:image/png;base64,AAAA">',
    f'<img srcset="a.png,{R}">',  # one candidate: a relative URL with a comma in it
    f'<style>a::after {{ content: "{R}" }}</style>',  # a string that is not fetched
    f'<style>a {{ content: "url({R})" }}</style>',
    '<svg><rect fill="url(#g)" clip-path="url(#c)"/></svg>',
    f'<div style="background:u/**/rl({R}); background:url/**/({R})">x</div>',  # a comment splits a word
    f'<img src=x.png src="{R}">',  # the first of a duplicate attribute wins
    f'<!-- <img src="{R}"> -->',
    f'<textarea><img src="{R}"></textarea>',
    f'<script>const s = "<img src={R}>";</script>',
    f'<p>&lt;img src="{R}"&gt;</p>',  # escaped text is text
    f'<a title=">"><img src="{R}"',  # a tag still open at the end of the page is dropped
    f'<img alt="{R}" title="{R}">',
]


@pytest.mark.parametrize("page, url", LOADS)
def test_every_attribute_that_fetches_is_caught(page, url):
    assert remote_loads(page) == [url]


@pytest.mark.parametrize("page", QUIET)
def test_links_local_urls_and_text_load_nothing_remote(page):
    assert remote_loads(page) == []


def test_local_loads_are_seen_but_not_remote():
    assert list(fetched_urls('<img src="a.png" srcset="b.png 2x"><link rel=stylesheet href="c.css">')) == [
        "a.png", "b.png", "c.css"]


@pytest.mark.parametrize("value, urls", [
    ("a.png", ["a.png"]),
    ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
    ("a.png 100w,b.png 200w", ["a.png", "b.png"]),
    ("  a.png,  b.png  ", ["a.png", "b.png"]),
    ("data:image/png;base64,AA 1x, c.png 2x", ["data:image/png;base64,AA", "c.png"]),
    ("", []),
])
def test_srcset_candidates(value, urls):
    assert srcset_urls(value) == urls


N = 100_000
HOSTILE_PAGES = {  # each would take seconds to minutes with a backtracking regex or html.parser
    "<img repeated": "<img" * (N // 4),
    "<img with a space repeated": "<img " * (N // 5),
    "unclosed quoted src repeated": '<img src="' * (N // 10),
    "remote src repeated, never closed": f"<img src={P}" * (N // 20),
    "comment openers": "<!--" * (N // 4),
    "less-than signs": "<" * N,
    "attributes": "<a " + "x=y " * (N // 4),
    "url( in a style block": "<style>" + "url(" * (N // 4),
    "image-set( strings": "<style>" + 'image-set("' * (N // 11),
    "CSS escapes": '<div style="' + "\\75 " * (N // 4) + '">',
    "CSS comment openers": "<style>" + "/*" * (N // 2),
    "srcset candidates": '<img srcset="' + "a 1x," * (N // 5) + '">',
    "almost-closing style tags": "<style>" + "</styl" * (N // 6),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PAGES))
def test_the_guard_is_linear_on_hostile_pages(name):
    start = time.process_time()
    remote_loads(HOSTILE_PAGES[name])
    assert time.process_time() - start < 1.0, name
