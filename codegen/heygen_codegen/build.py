"""The whole generation: the catalog in, every generated file's path and text out."""

from __future__ import annotations

import json
from pathlib import Path

from .config import CONFIG
from .fixtures import fixture_for
from .layout import split_models
from .model import Models
from . import constraints, overlay, simulator
from .paths import EXTRAS, FIXTURES, MODELS_TEST, OVERLAY_JSON, QUERY_WIRE_TEST, SIMULATED, SPEC, SRC
from .plan import Operation, module_items, place_types, plan_operation
from .render.api_listing import render_api_listing
from .render.common import render_common
from .render.group import render_group
from .render.model_file import render_model_file
from .render.models_test import render_models_test
from .render.query_wire import render_query_wire
from .rustfmt import rustfmt
from .shared import share_fields


def plan(catalog: list[dict]) -> tuple[Models, list[Operation]]:
    """The Rust model and the declared operations of a catalog (a list of operations)."""
    handwritten = {key for key, group in CONFIG.groups.items() if group.handwritten}
    unknown = {op["group"] for op in catalog} - set(CONFIG.groups)
    if unknown:
        raise SystemExit(f"groups without a module: {sorted(unknown)}: add them to codegen/config/groups.toml")
    models = Models()
    operations = [plan_operation(models, op) for op in catalog if op["group"] not in handwritten]
    names = [o.name for o in operations]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"method names used twice: {duplicates}")
    share_fields(models)
    place_types(models, operations)
    return models, operations


def module_files(module: str, operations: list[Operation], models: Models) -> tuple[dict[Path, str], list[str]]:
    """The model files of a module (path -> unformatted text) and their module names."""
    items = module_items(module, operations, models)
    files = {}
    names = []
    for part in split_models(module, items, models):
        files[SRC / module / f"{part.file}.rs"] = render_model_file(module, part.doc, part.items, models)
        names.append(part.file)
    return files, names


def render(models: Models, operations: list[Operation]) -> dict[Path, str]:
    """Every generated Rust file, unformatted."""
    files: dict[Path, str] = {}
    for key, group in CONFIG.generated_groups().items():
        group_ops = [o for o in operations if o.op["group"] == key]
        model_files, names = module_files(group.module, group_ops, models)
        files[SRC / group.module / "mod.rs"] = render_group(group, group_ops, names, models)
        files.update(model_files)
    model_files, names = module_files("common", operations, models)
    files[SRC / "common" / "mod.rs"] = render_common(names)
    files.update(model_files)
    files[SRC / "mod.rs"] = render_api_listing(CONFIG.groups)
    files[MODELS_TEST] = render_models_test(operations, models)
    files[QUERY_WIRE_TEST] = render_query_wire(operations, models)
    return files


def read_catalog(
    catalog_path: Path = SPEC,
    extras_path: Path | None = EXTRAS,
    overlay_path: Path | None = overlay.OVERLAY,
    constraints_path: Path | None = constraints.CONSTRAINTS,
) -> list[dict]:
    """The catalog's operations with the reviewed changes HeyGen made since (`config/september.toml`)
    and September's limits on their request bodies (`spec/september-constraints.md`), then the extra
    operations HeyGen documents beyond it (same layout)."""
    catalog = json.loads(catalog_path.read_text())
    if overlay_path is not None:
        catalog = overlay.apply(catalog, overlay.load(overlay_path))
    if constraints_path is not None:
        catalog = constraints.apply(catalog, constraints_path)
    if extras_path is not None:
        catalog += json.loads(extras_path.read_text())
    return catalog


def build(
    catalog_path: Path = SPEC, extras_path: Path | None = EXTRAS
) -> tuple[dict[Path, str], Models, list[Operation]]:
    """Every generated file (Rust formatted, fixtures), the model and the operations; fails on stale config."""
    catalog = read_catalog(catalog_path, extras_path)
    models, operations = plan(catalog)
    files = {path: rustfmt(text, str(path)) for path, text in render(models, operations).items()}
    for operation in operations:
        files[FIXTURES / f"{operation.op['operation']}.json"] = fixture_for(operation)
    files[OVERLAY_JSON] = overlay.as_json(overlay.load())
    files[SIMULATED] = simulator.render(operations)
    for module, handwritten in CONFIG.handwritten.items():
        for h in handwritten:
            if not (SRC / module / f"{h.file}.rs").is_file():
                raise SystemExit(f"layout.toml: hand-written file {module}/{h.file}.rs does not exist")
    stale = CONFIG.stale()
    if stale:
        raise SystemExit(f"configuration entries that match nothing in the catalog: {stale}")
    return files, models, operations


def stale_fixtures(files: dict[Path, str]) -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(p for p in FIXTURES.glob("*.json") if p not in files)
