"""An organization whose every text field carries a marker naming its audience, for the leak scan
(tests/test_audiences_leak.py): `show-pub-…` may be read by everyone, `leak-int-…` by the internal
audience and up, `leak-conf-…` by the confidential audience only. Markers are lower case (ids and
slugs must be) and unique: each names the field it stands in, so a hit says what leaked."""

from __future__ import annotations

from pathlib import Path

TIERS = ("pub", "int", "conf")
# a confidential KR's value, checked in: a number no other field of the content holds
CONF_VALUE = "918273"

FILES: dict[str, str] = {
    "okrsite.yml": "language: en\n",
    "units/acme.md": "---\nname: show-pub-rootname\nkind: company\nvisibility: public\n---\nshow-pub-rootmission\n",
    "units/pub-team.md": (
        "---\nname: show-pub-teamname\nkind: team\nparent: acme\nvisibility: public\nowners: [show-pub-person]\n"
        "members: [leak-int-person]\ntags: [show-pub-unittag]\n---\nshow-pub-teammission\n"),
    "units/show-pub-person.md": ("---\nname: show-pub-personname\nkind: person\nparent: pub-team\n"
                                 "visibility: public\nrole: show-pub-role\n---\n"),
    "units/leak-int-team.md": ("---\nname: leak-int-teamname\nkind: team\nparent: acme\ntags: [leak-int-unittag]\n"
                               "---\nleak-int-teammission\n"),
    "units/leak-int-person.md": ("---\nname: leak-int-personname\nkind: person\nparent: leak-int-team\n"
                                 "role: leak-int-role\n---\n"),
    "units/leak-conf-team.md": ("---\nname: leak-conf-teamname\nkind: team\nparent: acme\n"
                                "visibility: confidential\ntags: [leak-conf-unittag]\n---\nleak-conf-teammission\n"),
    "units/leak-conf-person.md": ("---\nname: leak-conf-personname\nkind: person\nparent: leak-conf-team\n"
                                  "role: leak-conf-role\n---\n"),
    # a public objective with a KR of each tier
    "okrs/2026-Q4/pub-team/show-pub-obj.md": """---
title: show-pub-objtitle
owner: show-pub-person
visibility: public
tags: [show-pub-objtag]
key_results:
  - id: show-pub-kr
    title: show-pub-krtitle
    baseline: 0
    target: 10
    unit: show-pub-krunit
    measurement: show-pub-measurement
  - id: leak-int-kr
    title: leak-int-krtitle
    visibility: internal
    baseline: 0
    target: 10
    unit: leak-int-krunit
    owner: leak-int-person
    measurement: leak-int-measurement
  - id: leak-conf-kr
    title: leak-conf-krtitle
    visibility: confidential
    baseline: 0
    target: 999999
    unit: leak-conf-krunit
    owner: leak-conf-person
    measurement: leak-conf-measurement
initiatives:
  - title: show-pub-initiative
    key_results: [show-pub-kr]
    owner: show-pub-person
  - title: leak-conf-initiative
    key_results: [leak-conf-kr]
    link: https://tickets.example/leak-conf-link
---
show-pub-objbody
""",
    # public, aligned to an internal objective: in a public build it aligns to nothing
    "okrs/2026-Q4/pub-team/show-pub-aligned.md": """---
title: show-pub-alignedtitle
owner: show-pub-person
visibility: public
aligns_to: leak-int-team/leak-int-teamobj
key_results:
  - {id: show-pub-kr2, title: show-pub-kr2title, baseline: 0, target: 4}
  - {id: show-pub-kr3, title: show-pub-kr3title, baseline: 0, target: 4}
---
""",
    "okrs/2026-Q4/pub-team/leak-int-obj.md": """---
title: leak-int-objtitle
owner: leak-int-person
aligns_to: pub-team/show-pub-obj
tags: [leak-int-objtag]
key_results:
  - {id: leak-int-objkr, title: leak-int-objkrtitle, baseline: 0, target: 4}
  - {id: leak-int-objkr2, title: leak-int-objkr2title, baseline: 0, target: 4}
---
leak-int-objbody
""",
    "okrs/2026-Q4/pub-team/leak-conf-obj.md": """---
title: leak-conf-objtitle
owner: leak-conf-ownerid
visibility: confidential
aligns_to: pub-team/show-pub-obj/show-pub-kr
tags: [leak-conf-objtag]
key_results:
  - {id: leak-conf-objkr, title: leak-conf-objkrtitle, baseline: 0, target: 4}
  - {id: leak-conf-objkr2, title: leak-conf-objkr2title, baseline: 0, target: 4}
---
leak-conf-objbody
""",
    "okrs/2026-Q4/pub-team/leak-conf-dropped.md": """---
title: leak-conf-droppedtitle
owner: show-pub-person
visibility: private
key_results:
  - {id: leak-conf-droppedkr, title: leak-conf-droppedkrtitle, baseline: 0, target: 4}
  - {id: leak-conf-droppedkr2, title: leak-conf-droppedkr2title, baseline: 0, target: 4}
---
""",
    "okrs/2026-Q4/leak-int-team/leak-int-teamobj.md": """---
title: leak-int-teamobjtitle
owner: leak-int-person
visibility: company
key_results:
  - {id: leak-int-teamkr, title: leak-int-teamkrtitle, baseline: 0, target: 4}
  - {id: leak-int-teamkr2, title: leak-int-teamkr2title, baseline: 0, target: 4}
---
leak-int-teamobjbody
""",
    "okrs/2026-Q4/leak-conf-team/leak-conf-teamobj.md": """---
title: leak-conf-teamobjtitle
owner: leak-conf-person
key_results:
  - {id: leak-conf-teamkr, title: leak-conf-teamkrtitle, baseline: 0, target: 4}
  - {id: leak-conf-teamkr2, title: leak-conf-teamkr2title, baseline: 0, target: 4}
---
leak-conf-teamobjbody
""",
    # a public check-in holding updates and changes of every tier
    "logs/2026-Q4/pub-team/2026-11-10.md": f"""---
author: show-pub-person
visibility: public
updates:
  show-pub-kr: {{value: 4, confidence: 0.7, note: show-pub-note}}
  show-pub-kr2: {{value: 1, note: leak-conf-updatenote, visibility: confidential}}
  leak-int-kr: {{value: 3, note: leak-int-note}}
  leak-conf-kr: {{value: {CONF_VALUE}, confidence: 0.2, note: leak-conf-note}}
  leak-int-objkr: {{value: 2, note: leak-int-objkrnote}}
  leak-conf-objkr: {{value: 2, note: leak-conf-objkrnote}}
wins: [show-pub-win]
tags: [show-pub-logtag]
changes:
  - {{key_result: show-pub-kr, field: target, from: 8, to: 10, reason: show-pub-reason}}
  - {{key_result: leak-conf-kr, field: target, from: 999998, to: 999999, reason: leak-conf-reason}}
  - {{objective: leak-int-obj, field: title, from: leak-int-oldtitle, to: leak-int-objtitle, reason: leak-int-reason}}
---
## Learnings
- show-pub-learning

## Blockers
- show-pub-blocker
""",
    # an internal and a confidential check-in of the public team
    "logs/2026-Q4/pub-team/2026-11-12.md": """---
author: show-pub-person
updates:
  show-pub-kr: {value: 5, note: leak-int-lognote}
wins: [leak-int-win]
tags: [leak-int-logtag]
---
leak-int-logbody

## Learnings
- leak-int-learning
""",
    "logs/2026-Q4/pub-team/2026-11-14.md": """---
author: leak-conf-person
visibility: confidential
updates:
  show-pub-kr3: {value: 1, note: leak-conf-lognote}
wins: [leak-conf-win]
tags: [leak-conf-logtag]
changes:
  - {objective: leak-conf-dropped, action: dropped, reason: leak-conf-dropreason}
---
leak-conf-logbody

## Learnings
- leak-conf-learning

## Next steps
- leak-conf-nextstep
""",
    "logs/2026-Q4/leak-int-team/2026-11-11.md": """---
author: leak-int-person
updates:
  leak-int-teamkr: {value: 1, note: leak-int-teamnote}
wins: [leak-int-teamwin]
---
""",
    "logs/2026-Q4/leak-conf-team/2026-11-11.md": """---
author: leak-conf-person
updates:
  leak-conf-teamkr: {value: 1, note: leak-conf-teamnote}
wins: [leak-conf-teamwin]
---
""",
    # retrospectives: a public one whose results name hidden KRs, an internal and a confidential one
    "retros/2026-Q4/pub-team.md": """---
visibility: public
unit_score: 0.9
unit_score_reason: leak-conf-unitscorereason
scores:
  show-pub-kr: {score: 0.5, reason: show-pub-scorereason}
  leak-conf-kr: {score: 0.3, reason: leak-conf-scorereason}
  leak-int-kr: {status: deferred, reason: leak-int-scorereason}
  show-pub-obj: {objective: 0.8, reason: leak-conf-objgradereason}
went_well: [show-pub-wentwell]
to_improve: [show-pub-toimprove]
learnings: [show-pub-retrolearning]
carry_forward:
  - {ref: leak-conf-obj, action: continue, note: leak-conf-carrynote}
  - {ref: show-pub-obj, action: continue, note: show-pub-carrynote}
---
show-pub-retrobody
""",
    "retros/2026-Q4/leak-int-team.md": """---
went_well: [leak-int-wentwell]
---
leak-int-retrobody
""",
    "retros/2026-Q4/leak-conf-team.md": """---
went_well: [leak-conf-wentwell]
---
leak-conf-retrobody
""",
}

# ids, slugs and owner ids: they appear only as ids (in URLs, file names, data), never as text
IDS = ["leak-int-team", "leak-int-person", "leak-conf-team", "leak-conf-person", "leak-int-kr", "leak-conf-kr",
       "leak-int-obj", "leak-conf-obj", "leak-conf-dropped", "leak-int-teamobj", "leak-conf-teamobj",
       "leak-conf-ownerid"]


def markers(tier: str) -> set[str]:
    """Every marker of a tier written in the content (`pub`, `int`, `conf`)."""
    import re

    prefix = "show-pub-" if tier == "pub" else f"leak-{tier}-"
    text = "\n".join(FILES.values())
    return set(re.findall(re.escape(prefix) + r"[a-z0-9]+", text))


def write_content(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
