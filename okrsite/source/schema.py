"""JSON Schemas of each file kind's front matter (and of okrsite.yml), from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .documents import FILE_MODELS
from .settings import Settings

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "unit": "okrsite unit (content/units/<unit-id>.md front matter)",
    "objective": "okrsite objective (content/okrs/<period>/<unit-id>/<slug>.md front matter)",
    "log": "okrsite check-in log (content/logs/<period>/<unit-id>/<YYYY-MM-DD>.md front matter)",
    "retro": "okrsite retrospective (content/retros/<period>/<unit-id>.md front matter)",
    "kpi": "okrsite KPI (content/kpis/<unit-id>/<kpi-id>.md front matter)",
    "config": "okrsite settings (okrsite.yml)",
}


def schemas(settings: Settings | None = None) -> dict[str, dict[str, Any]]:
    settings = settings or Settings()
    out: dict[str, dict[str, Any]] = {}
    for kind, model in {**FILE_MODELS, "config": Settings}.items():
        schema = model.model_json_schema(mode="validation")
        schema = {"$schema": DRAFT, "$id": f"okrsite-{kind}.schema.json", **schema, "title": TITLES[kind]}
        if kind == "unit":
            schema["properties"]["kind"] = {**schema["properties"]["kind"], "enum": list(settings.unit_kinds)}
        out[kind] = schema
    return out


def write_schemas(out_dir: Path, settings: Settings | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in schemas(settings).items():
        path = out_dir / f"{kind}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
