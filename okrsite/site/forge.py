"""The one home of "comment / suggest a change" links: a pre-filled new issue on the company's forge,
or the forge's edit form of the page's file (a pull request), built from okrsite.yml's `forge`.

The site is static, so feedback goes where the OKRs live. Every value put into an address is
percent-encoded here; an address that does not come out as http(s) is never returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..model.settings import ForgeConfig

# a forge's addresses: new issue with a title and a body, and the edit form of a file on a branch
_ISSUE = {"github": "{repo}/issues/new?title={title}&body={body}",
          "gitlab": "{repo}/-/issues/new?issue%5Btitle%5D={title}&issue%5Bdescription%5D={body}"}
_EDIT = {"github": "{repo}/edit/{branch}/{path}", "gitlab": "{repo}/-/edit/{branch}/{path}"}


@dataclass(frozen=True)
class Feedback:
    """A page's (or a check-in's) two links; either may be "" when the settings give no address for it."""

    comment: str
    suggest: str


def repo_path(cfg: ForgeConfig, rel: str) -> str:
    """The file's path in the repository: the content folder, then its content-relative path."""
    return f"{cfg.content_path}/{rel}" if cfg.content_path else rel


def _fill(template: str, values: dict[str, str]) -> str:
    """A template with each {name} replaced by its percent-encoded value (paths keep their slashes)."""
    out = template
    for name, value in values.items():
        out = out.replace("{" + name + "}", quote(value, safe="/" if name in ("path", "repo") else ""))
    return out


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def issue_url(cfg: ForgeConfig, title: str, body: str) -> str:
    template = cfg.issue_url or (_ISSUE[cfg.kind].replace("{repo}", cfg.repo_url or "") if cfg.kind else "")
    return _safe(_fill(template, {"title": title, "body": body, "branch": cfg.branch})) if template else ""


def edit_url(cfg: ForgeConfig, rel: str) -> str:
    template = cfg.edit_url or (_EDIT[cfg.kind].replace("{repo}", cfg.repo_url or "") if cfg.kind else "")
    values = {"path": repo_path(cfg, rel), "branch": cfg.branch}
    return _safe(_fill(template, values)) if template else ""


def feedback(cfg: ForgeConfig | None, rel: str | None, title: str, body: str) -> Feedback | None:
    """The links of the page or check-in shown from file `rel`; None without forge settings or a file."""
    if cfg is None or not rel:
        return None
    links = Feedback(issue_url(cfg, title, body), edit_url(cfg, rel))
    return links if links.comment or links.suggest else None


def feedback_of(site, thing) -> Feedback | None:
    """An objective's or a check-in's links, the issue naming its page and its file."""
    from ..model.organization import LogEntry

    cfg = site.org.settings.forge
    if cfg is None:
        return None
    if isinstance(thing, LogEntry):
        title = site.t("forge_log_title", unit=thing.unit.name, date=site.date(thing.date))
        page = site.log_link(thing)
    else:
        title = site.t("forge_objective_title", title=site.plain(thing.title))
        page = thing
    body = site.t("forge_body", page=site.links.address(page) if site.site_url else site.links.site_path(page),
                  path=repo_path(cfg, thing.rel))
    return feedback(cfg, thing.rel, title, body)
