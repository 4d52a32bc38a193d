"""The catalogue of rule codes.

One table is the single source for the CLI (`okrsite rules`), the severity defaults, the
configuration of lints and the rule reference in docs/ (a test keeps the docs in step).

Codes are grouped: OKR0xx files and YAML, OKR1xx fields and types, OKR2xx ids and
references, OKR3xx values that contradict each other, OKR5xx OKR-quality lints (warnings
by default, configurable in okrsite.yml under `lint.severity`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostic import Severity


@dataclass(frozen=True)
class Rule:
    """One entry of the rule catalogue (`okrsite rules`, docs/rules.md)."""

    code: str
    name: str
    severity: Severity
    summary: str
    example: str  # a minimal mistake that triggers the rule
    fix: str  # how to fix it

    @property
    def configurable(self) -> bool:
        """Whether `lint.severity` in okrsite.yml may change it: every warning may be raised to an
        error or turned off; errors describe content okrsite cannot read correctly and stay errors."""
        return self.severity is Severity.WARNING


E, W = Severity.ERROR, Severity.WARNING

_RULES = [
    Rule("OKR000", "internal-error", E, "okrsite itself failed while checking (a bug, reported instead of a traceback).",
         "(none: please report the content that causes it)", "Report it to the okrsite maintainers."),
    # --- files and YAML -------------------------------------------------------------------
    Rule("OKR001", "unreadable-file", E, "The file cannot be read as UTF-8 text.",
         "A file saved as Shift_JIS.", "Save the file as UTF-8."),
    Rule("OKR002", "missing-front-matter", E,
         "The file does not start with a `---` front matter block, or the block is never closed.",
         "title: ... without the leading `---` line.",
         "Start the file with `---`, write the YAML, and close it with another `---` line."),
    Rule("OKR003", "yaml-syntax", E, "The front matter is not valid YAML.",
         "title: [unclosed", "Fix the YAML syntax at the reported position (quote values with `:` or `#`)."),
    Rule("OKR004", "front-matter-not-mapping", E,
         "The front matter is empty or is not a mapping of `key: value` pairs.",
         "A front matter block holding only `- a list`.", "Write `key: value` pairs."),
    Rule("OKR005", "duplicate-key", E,
         "The same key appears twice in one YAML mapping; YAML would silently keep only the last.",
         "target: 70 ... target: 80", "Keep one of the two keys."),
    Rule("OKR006", "unknown-place", E,
         "A file lies in a data directory (units/, okrs/, logs/, retros/) where no file kind belongs.",
         "content/okrs/2026-Q4/product.md (an objective needs a unit directory).",
         "Move the file to the place its kind belongs (see the layout in docs/format.md)."),
    Rule("OKR007", "bad-file-name", E,
         "A file or directory name is not a valid id, period or date.",
         "content/units/Product Team.md, content/logs/2026-Q4/product/11-20.md",
         "Use lowercase slugs (a-z, 0-9, '-') for ids and YYYY-MM-DD[-slug].md for logs."),
    Rule("OKR008", "bad-configuration", E,
         "okrsite.yml (or the plugin block in mkdocs.yml) is invalid.",
         "periods: {scheme: monthly}", "Use the settings documented in docs/configuration.md."),
    # --- fields and types -----------------------------------------------------------------
    Rule("OKR101", "unknown-key", E, "A key that this kind of file does not have (often a typo).",
         "baseline misspelt as `basline: 50`", "Rename the key; the hint suggests the closest known key."),
    Rule("OKR102", "missing-key", E, "A required key is missing.",
         "A key result without `title`.", "Add the key."),
    Rule("OKR103", "wrong-type", E, "A value has the wrong type.",
         "target: 70% (text where a number is expected)",
         "Write the value in the expected type; put units such as % in `unit`."),
    Rule("OKR104", "invalid-choice", E, "A value is not one of the allowed choices.",
         "type: stretch (allowed: committed, aspirational)", "Use one of the listed values."),
    Rule("OKR105", "out-of-range", E, "A number is outside its allowed range.",
         "confidence: 7 (confidence is between 0.0 and 1.0)", "Use a number within the range."),
    Rule("OKR106", "invalid-id", E,
         "An id is not a slug (lowercase letters, digits and '-', starting with a letter or digit).",
         "id: Week1 Active", "Write ids as slugs, e.g. `week1-active`."),
    Rule("OKR107", "invalid-date", E, "A value is not a date in YYYY-MM-DD form.",
         "due: 2026/12/31", "Write dates as YYYY-MM-DD."),
    Rule("OKR108", "contradicts-path", E,
         "A front matter value contradicts what the file's path says (unit, period or date).",
         "unit: sales in content/okrs/2026-Q4/product/x.md",
         "Remove the key (the path is authoritative) or move the file."),
    # --- ids and references ---------------------------------------------------------------
    Rule("OKR201", "duplicate-id", E,
         "Two things share an id where ids must be unique (key results of one unit in a period, steps of a milestone KR).",
         "Two objectives of the product team in 2026-Q4 both with a KR `nps`.", "Rename one of them."),
    Rule("OKR202", "unknown-unit", E,
         "A unit id (in `parent`, or a directory or file name under okrs/, logs/, retros/) names no file in content/units/.",
         "parent: prodcut", "Fix the id or add content/units/<id>.md."),
    Rule("OKR203", "unknown-alignment-target", E,
         "`aligns_to` names no objective or key result.", "aligns_to: company/grow-arr (no such objective)",
         "Write `unit/objective[/kr]` (same period) or `period/unit/objective[/kr]`."),
    Rule("OKR204", "unknown-initiative-kr", E,
         "An initiative lists a key result id that its objective does not have.",
         "initiatives: [{title: ..., key_results: [week-active]}]",
         "List ids of this objective's key results."),
    Rule("OKR205", "unknown-kr", E,
         "A check-in, change or retrospective names a key result (or objective) that the unit does not have in that period.",
         "updates: {week1-activ: 55}", "Use an id of one of the unit's key results in the period."),
    Rule("OKR206", "ambiguous-reference", E, "A short reference matches more than one thing.",
         "carry_forward: [{ref: nps, ...}] where `nps` is both an objective slug and a KR id.",
         "Write `objective/kr` for the key result or `unit/objective` for the objective."),
    Rule("OKR207", "unit-cycle", E, "Units' `parent` links form a cycle.",
         "a.parent = b, b.parent = a", "Break the cycle; the hierarchy is a tree."),
    Rule("OKR208", "bad-root", E,
         "The organization must have exactly one root unit (no `parent`); it may be of any kind "
         "(company, organization, foundation, project, ...).",
         "Two units without `parent`.", "Give every unit but the root a `parent`."),
    Rule("OKR209", "alignment-cycle", E, "`aligns_to` links form a cycle.",
         "Objective A aligns to B, and B aligns to A.", "Align upward only: a child to its parent's objectives."),
    Rule("OKR210", "aligns-to-later-period", E,
         "An objective or KR aligns to one of a later period.",
         "2026-Q3/product/x aligns_to 2026-Q4/company/y", "Align to the same or an earlier period."),
    Rule("OKR211", "unknown-period", E,
         "A period directory or reference does not name a period of the configured scheme.",
         "content/okrs/2026-Q5/...",
         "Use ids like 2026-Q4 or FY27-Q4 (quarters), 2026-H2 (halves), or define the period under "
         "`periods.custom` in okrsite.yml (scheme: custom)."),
    Rule("OKR212", "period-written-two-ways", E,
         "Two period directories name the same period in different ways (FY27-Q4, FY2027-Q4, 2027-Q4).",
         "content/okrs/FY27-Q4/... and content/logs/FY2027-Q4/...",
         "Write the period one way in every directory; references may use any form."),
    Rule("OKR213", "unknown-change-field", E,
         "A logged change's `field` is not a key the changed item has (a typo, a key the item lacks, "
         "or a field on an added or dropped record).",
         "changes: [{key_result: mql, field: tilte, ...}]",
         "Name a key of the item (`title`, `target`, ...); add a new key to the objective file first."),
    Rule("OKR214", "repeated-entry", E, "The same id twice in one `owner` or `aligns_to` list.",
         "owner: [sato, sato]", "List each owner or aligned item once."),
    # --- values ---------------------------------------------------------------------------
    Rule("OKR301", "direction-contradiction", E,
         "`direction` contradicts baseline and target.",
         "baseline: 20, target: 10, direction: increase", "Fix the numbers or the direction (or omit direction)."),
    Rule("OKR302", "baseline-equals-target", E,
         "Baseline equals target, so there is nothing to achieve (use kind: threshold to hold a level).",
         "baseline: 70, target: 70", "Set an ambitious target, or use `kind: threshold` with `min`/`max`."),
    Rule("OKR303", "date-outside-period", E, "A date lies outside the period it belongs to.",
         "A 2026-Q4 check-in dated 2026-09-30.", "Fix the date or move the file to the right period."),
    Rule("OKR304", "value-does-not-fit-kind", E,
         "A value or key does not fit the key result's kind.",
         "A boolean KR with `target: 70`, or a check-in value `yes` for a metric KR.",
         "Use values of the KR's kind: numbers, true/false, or step ids for milestones."),
    Rule("OKR305", "kind-needs-more", E,
         "A key result lacks what its kind needs (steps, a threshold, or a direction when the baseline is unknown).",
         "kind: milestones without `steps`.", "Add the missing keys."),
    Rule("OKR306", "commit-stretch-order", E,
         "`commit` and `stretch` must bracket the target: baseline → commit → target → stretch.",
         "baseline: 50, commit: 80, target: 70", "Reorder the values."),
    Rule("OKR307", "conflicting-check-ins", E,
         "Two check-ins set the same key result on the same day, so the current value is ambiguous.",
         "2026-11-20.md and 2026-11-20-b.md both update nps.", "Keep one value per key result per day."),
    Rule("OKR308", "inverted-threshold", E, "A threshold's `min` is greater than its `max`.",
         "min: 99.9, max: 99.0", "Swap the values."),
    Rule("OKR309", "future-check-in", W, "A check-in is dated after today.",
         "date: 2027-01-01 while today is 2026-11-24", "Fix the date."),
    Rule("OKR310", "change-not-applied", W,
         "A logged mid-period change says a key result's field became a value, but the objective file still says otherwise.",
         "changes: [{key_result: mql, field: target, from: 520, to: 450, ...}] while the KR still has target: 520",
         "Edit the objective file to the new value (the log keeps the history and the reason), or fix the record."),
    Rule("OKR311", "bad-ladder", E,
         "A KR's `scoring` ladder is not one: rung values not strictly monotonic, scores not strictly increasing or outside 0.0–2.0.",
         "scoring: [[40, 0.6], [20, 0.3]]", "Write rungs like [[20, 0.3], [40, 0.6], [70, 1.0]]."),
    Rule("OKR312", "ladder-contradicts-kr", E,
         "A ladder KR's `target` is not the value of its 1.0 rung, or its `baseline` already reaches the first rung.",
         "target: 60 with scoring: [[20, 0.3], [70, 1.0]]", "Make them agree, or omit `target`."),
    Rule("OKR313", "recorded-before-date", E,
         "A check-in's `recorded` day (when it was written) is earlier than the day it reports on.",
         "2026-11-20.md with recorded: 2026-11-18", "Fix `recorded` or the file's date; back-filled entries are "
         "recorded after the day they report on."),
    Rule("OKR314", "conflicting-result", E,
         "A retrospective entry gives two of `score`, `status` and `objective`.",
         "scores: {docs: {score: 0.5, status: deferred, reason: ...}}", "Give one result per entry."),
    Rule("OKR315", "dropped-without-title", W,
         "A dropped key result was removed from its objective file and its drop record has no `title`, "
         "so pages can show only its id.",
         "changes: [{key_result: mql, action: dropped, reason: ...}] and no KR `mql` in the file",
         "Keep the KR in the file, or add `title:` to the drop record."),
    Rule("OKR316", "looser-visibility", E,
         "An item's `visibility` is looser than that of what it belongs to (its parent unit, its unit, its "
         "objective, its check-in file or its key result); an item may be stricter, never looser (docs/audiences.md).",
         "units/sales.md with `visibility: confidential` and okrs/2026-Q4/sales/x.md with `visibility: public`",
         "Write the parent's tier or a stricter one, or loosen the parent; `company` (the old default) is never looser."),
    # --- OKR-quality lints ----------------------------------------------------------------
    Rule("OKR501", "too-many-objectives", W,
         "A unit has more objectives in one period than the focus limit (default 3).",
         "Five objectives for the product team in 2026-Q4.", "Keep the 2–3 objectives that matter most."),
    Rule("OKR502", "too-few-key-results", W,
         "An objective has fewer key results than the minimum (default 2).",
         "An objective with one KR.", "Add a KR that measures another side of the objective."),
    Rule("OKR503", "too-many-key-results", W,
         "An objective has more key results than the maximum (default 4).",
         "An objective with six KRs.", "Keep the 2–4 KRs that best show the objective is met."),
    Rule("OKR504", "unmeasurable-key-result", W,
         "A key result has no measurable target; it reads like an initiative.",
         "A metric KR `オンボーディングを改善する` with no target.",
         "Give it a baseline and target, or move it to `initiatives`."),
    Rule("OKR505", "initiative-serves-nothing", W,
         "An initiative lists no key result it serves.", "initiatives: [{title: 新機能開発}]",
         "Say which KRs it moves in `key_results`, or drop it."),
    Rule("OKR506", "key-result-without-initiative", W,
         "No initiative serves this key result.", "A KR that no initiative lists.",
         "Add an initiative that moves it (or accept that nothing is planned)."),
    Rule("OKR507", "numeric-objective-title", W,
         "The objective's title is only a number; an objective is qualitative.",
         "title: \"120\"", "Say what you want to be true, and put numbers in KRs."),
    Rule("OKR508", "committed-without-due", W,
         "A key result of a committed objective has no `due` date.",
         "type: committed with a KR lacking `due`.", "Give each KR of a committed objective a due date."),
    Rule("OKR509", "stale-key-result", W,
         "A key result of the current period has had no check-in for longer than the stale threshold (default 14 days).",
         "Last check-in 30 days ago.", "Record a check-in in content/logs/."),
    Rule("OKR510", "unknown-owner", W,
         "An owner names no unit, or a member, unit owner or check-in author is not a person unit "
         "(checked when the organization has person units). An objective's, KR's or initiative's owner "
         "may be any unit: a person, a team or a role.",
         "owner: tanaka (the person unit is tanaka-yui); author: product (a team)", "Use a unit id; an author is a person."),
    Rule("OKR511", "objective-without-owner", W, "An objective has no `owner`.",
         "owner: [] (or no owner key)", "Name the person, team or role accountable for it; a list names co-owners."),
    Rule("OKR512", "too-many-p0", W,
         "More than `lint.max_p0` (default 2) P0 objectives in one unit and period, or P0 KRs in one objective.",
         "three objectives with priority: P0", "Keep P0 for what the rest waits for."),
    Rule("OKR513", "duplicate-order", W, "Two objectives of one unit and period have the same `order`.",
         "order: 1 in two files", "Give each its own `order`; meanwhile they sort by file name."),
    Rule("OKR514", "unscored-key-result", W,
         "A key result of a finished period has no result in its unit's published retrospective, no value and no grade, "
         "so it shows as unscored.",
         "retros/2026-Q3/product.md scores two of three KRs; the third was never checked in.",
         "Write its score, or a word such as `{status: n/a, reason: ...}`."),
    # --- bounded parsing (appended: files and YAML) ------------------------------------------
    Rule("OKR020", "yaml-anchor", E,
         "The front matter uses a YAML anchor (`&name`) and its aliases (`*name`). okrsite refuses them before "
         "expanding anything: a few hundred bytes of nested aliases would otherwise expand into gigabytes.",
         "wins: &w [a, b] ... learnings: *w",
         "Write the value out; OKR files have no use for anchors (quote a text that starts with `&` or `*`)."),
    Rule("OKR021", "file-too-large", E,
         "A content file is larger than `max_file_size_mb` (okrsite.yml, 2 MB by default), or its front matter holds "
         "more than 10,000 YAML values; okrsite does not read it.",
         "A check-in with a 30 MB log pasted into its body.",
         "Shorten the file (link to large material instead of pasting it), or raise `max_file_size_mb`."),
    # --- file-system safety (issue 10): appended here, grouped by their prefix in docs/rules.md ---------
    Rule("OKR022", "linked-or-special-file", E,
         "A file or folder in the content directory is a symbolic link (or a FIFO, socket or device); okrsite "
         "reads only regular files and folders, so a link cannot publish a file from elsewhere on the build "
         "machine, and a linked folder is not read at all.",
         "content/leak.txt -> /etc/passwd; content/okrs/2026-Q4/shared -> ../../elsewhere",
         "Replace the link by a copy of the file or folder, or move it out of the content directory."),
    Rule("OKR220", "unsafe-id", E,
         "An id or period (from a file or folder name, or front matter) would not be the same file name on every "
         "system: it holds a control, bidi or zero-width character, fullwidth or other compatibility forms "
         "(`２０２６-Q4`), `/`, `\\`, `..` or a character Windows forbids, ends in a dot or space, or is a "
         "Windows device name (con, nul, prn, aux, com1–9, lpt1–9, with any extension, in any case).",
         "content/okrs/２０２６-Q4/product/a.md; content/units/con.md; a folder `2026-Q4⏎`",
         "Rename it with plain ASCII letters, digits, '-' and '_' (the hint names the ASCII form)."),
    Rule("OKR221", "reserved-id", E,
         "A unit, objective, period or key result id is the name of a page okrsite generates in the same folder "
         "(`index`, `current`), so its page would replace that one.",
         "content/units/index.md (its page would replace the units index)", "Choose another id."),
    Rule("OKR222", "case-collision", E,
         "Two files or folders of the content directory differ only in upper and lower case; on macOS and Windows "
         "they are one file, and the site's pages for them would overwrite each other.",
         "periods Alpha and alpha; content/About.md beside content/about.md", "Rename one of them."),
    Rule("OKR223", "id-too-long", E,
         "An id is so long that a file okrsite names after it (the id plus its longest suffix, e.g. "
         "`<kr>.dark.svg`) would exceed the 255-byte limit of file names.",
         "a 300-character key result id", "Shorten the id (the message says the limit)."),
    Rule("OKR120", "invisible-characters", W,
         "Display text (a title, name, note) holds a bidi override or isolate, or a zero-width character: it "
         "reads other than it is written (and can hide text in a review).",
         "title: \"Grow\\u202eetats\" in YAML (the override makes it read `Growstate`)", "Delete the invisible character."),
    Rule("OKR121", "control-character", W,
         "Front matter text holds a control character such as NUL, BEL or ESC (written as `\\0`, `\\a` or `\\e` "
         "in YAML). okrsite takes it out of the text, so it never reaches pages, feeds or exports; delete it from "
         "the file.",
         "title: \"Grow\\0\"", "Delete the control character."),
    # --- readers' safety (issue 10): appended here, grouped by their code in the docs ----------
    Rule("OKR122", "unsafe-link", E,
         "A link field (an initiative's `link`) is not an http(s), mailto or relative address: a `javascript:`, "
         "`data:` or `vbscript:` link, in any spelling, would run or open the contributor's code when a reader clicks it.",
         "initiatives: [{title: Plan, link: 'JaVaScRiPt:alert(1)'}]",
         "Link to an http://, https:// or mailto: address, or a relative path; the link is not shown until then."),
    Rule("OKR023", "shadows-okrsite-file", E,
         "A file in the content directory has the path of a file okrsite generates (its script and styles under "
         "assets/okrsite/, the periods, units, people, learnings, wins, retrospectives or feed pages): one of the two "
         "would silently replace the other on every page.",
         "content/assets/okrsite/okrsite.js, or a hand-written content/periods.md",
         "Rename or move the file; extend okrsite's styles with `extra_css`, its templates in `custom_dir`."),
    # --- check-ins tied to what they are about, forge links (issue 13) ----------------------
    Rule("OKR215", "unknown-about-target", E,
         "A win's or learning's `about` names no objective or key result of the check-in's period.",
         "wins: [{text: Wizard shipped, about: week1-activ}]",
         "Name a KR id, an objective slug, `objective/kr`, or another unit's `unit/objective[/kr]`."),
    Rule("OKR216", "ambiguous-about-target", E,
         "A short `about` reference is both an objective and a key result (or another unit's objective and one of "
         "this unit's KRs).",
         "about: [activation] where `activation` is an objective slug and a KR id",
         "Write `objective/kr` for the key result, or `unit/objective` for the objective."),
    Rule("OKR217", "repeated-about-target", W,
         "One `about` list names the same objective or key result twice (perhaps in two spellings).",
         "about: [week1-active, activation/week1-active]", "Name each item once."),
    Rule("OKR218", "about-other-period", E,
         "An `about` reference names an objective or KR of another period than the check-in's.",
         "about: 2026-Q3/product/activation in a 2026-Q4 check-in",
         "Name an item of the check-in's own period."),
    Rule("OKR317", "bad-forge-settings", E,
         "okrsite.yml's `forge` settings (comment and suggest-a-change links) cannot build a safe link: an unknown "
         "kind, a repository address that is not http(s), a template with an unknown placeholder, an unsafe path.",
         "forge: {kind: bitbucket, repo_url: 'javascript:alert(1)'}",
         "Give `kind: github` or `gitlab` and an https `repo_url`, or `issue_url` / `edit_url` templates using "
         "{title}, {body}, {path}, {branch}."),
    # --- KPIs (issue 14, docs/kpis.md): OKR401-OKR419 ---------------------------------------------
    Rule("OKR401", "kpi-band-inverted", E,
         "A KPI's healthy band is empty: its `min` lies above its `max`.",
         "min: 90, max: 60", "Swap `min` and `max` (healthy at or above `min`, at or below `max`)."),
    Rule("OKR402", "unknown-kpi", E,
         "A check-in's `kpis:` or a key result's `kpi:` names no KPI. A bare id is the unit's own KPI; "
         "another unit's is written `unit/kpi`.",
         "kpis: {mrrr: 1200} (the KPI file is kpis/sales/mrr.md)",
         "Use the KPI's id (its file name), `unit/kpi` for another unit's, or add content/kpis/<unit>/<kpi>.md."),
    Rule("OKR403", "kpi-value-twice", E,
         "One KPI has two values on the same day (in one check-in or two); a day has one value.",
         "logs/2026-Q4/sales/2026-11-02.md and 2026-11-02-import.md both write `mrr`",
         "Keep one of the two values (an import never writes a day that already has one)."),
    Rule("OKR404", "stale-kpi", W,
         "A KPI has had no value for longer than the stale threshold (`stale_after_days`, at least its cadence: "
         "7 days weekly, 31 monthly) in the running period.",
         "A weekly KPI whose last value is 20 days old.",
         "Record its value in a check-in's `kpis:` or with `okrsite import kpis FILE.csv`."),
    Rule("OKR405", "kr-inside-kpi-band", W,
         "A key result of an aspirational objective names a KPI (`kpi:`) and its target lies inside that KPI's "
         "healthy band (one with both `min` and `max`): the KR asks for business as usual, not a stretch.",
         "KPI nps healthy 30–60; KR `kpi: nps`, target 45, in an aspirational objective",
         "Aim beyond the band (a stretch), make the objective committed, or keep the number as a KPI only."),
]

def catalogue(rules: list[Rule]) -> dict[str, Rule]:
    """The rules by code. Two rules with one code (or one name) are a programming error: a dict
    would silently keep the last, and every diagnostic of the other would be explained wrongly."""
    by_code: dict[str, Rule] = {}
    names: set[str] = set()
    for rule in rules:
        if rule.code in by_code or rule.name in names:
            raise ValueError(f"rule {rule.code} {rule.name}: its code or name is already taken")
        by_code[rule.code] = rule
        names.add(rule.name)
    return by_code


RULES: dict[str, Rule] = catalogue(_RULES)


def configurable_codes() -> list[str]:
    """The codes `lint.severity` accepts, for hints and the docs."""
    return [code for code, rule in RULES.items() if rule.configurable]


def _code_list(codes: list[str]) -> str:
    """`OKR309, OKR310 and OKR501`-style prose, with a run of OKR5xx lints shortened to `the OKR5xx lints`."""
    lints = [c for c in codes if c.startswith("OKR5")]
    named = [c for c in codes if not c.startswith("OKR5")] + (["the OKR5xx lints"] if lints else [])
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)


def rules_markdown() -> str:
    """docs/rules.md, generated from the catalogue (a test keeps the file in step)."""
    groups = [("OKR0", "Files and YAML"), ("OKR1", "Fields and types"), ("OKR2", "Ids and references"),
              ("OKR3", "Values"), ("OKR4", "KPIs"), ("OKR5", "OKR-quality lints")]
    out = ["# Rule reference", "",
           "Every diagnostic of `okrsite check` names one of these rules. Errors stop the build; warnings",
           f"({_code_list(configurable_codes())}) do not, unless `--strict` is given. Warnings can be raised to errors",
           "or turned off per code in `okrsite.yml` (`lint: {severity: {OKR506: off}}`, see",
           "[configuration](configuration.md)). `okrsite rules CODE` prints the same text in a terminal.",
           "", "<!-- generated by `okrsite rules --markdown`; edit okrsite/diagnostics/rules.py instead -->", ""]
    for prefix, title in groups:
        out += [f"## {title}", ""]
        for rule in RULES.values():
            if not rule.code.startswith(prefix):
                continue
            level = rule.severity.value + (" (configurable)" if rule.configurable else "")
            out += [f"### {rule.code} {rule.name}", "", f"*{level}.* {rule.summary}", "",
                    f"- Example: {rule.example}", f"- Fix: {rule.fix}", ""]
    return "\n".join(out).rstrip() + "\n"
