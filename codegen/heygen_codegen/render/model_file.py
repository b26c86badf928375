"""Rendering one file of models: its header, its imports and its items."""

from __future__ import annotations

from ..model import AnyOf, Models, StringEnum, Struct, TypeDef, Union
from ..paths import GENERATED_NOTE
from ..shared import Alias, Shared
from ..text import doc_lines
from .imports import imports_for, use_lines
from .items import limit_checks, render_any_of, render_enum, render_struct, render_union
from .shared import render_alias, render_shared


def render_type(typedef: TypeDef, models: Models) -> list[str]:
    if isinstance(typedef, Shared):
        return render_shared(typedef, models)
    if isinstance(typedef, Alias):
        return render_alias(typedef, models)
    if isinstance(typedef, Struct):
        return render_struct(typedef, models)
    if isinstance(typedef, StringEnum):
        return render_enum(typedef)
    if isinstance(typedef, AnyOf):
        return render_any_of(typedef)
    return render_union(typedef)


def render_items(items: list[TypeDef], models: Models) -> list[str]:
    lines: list[str] = []
    for typedef in items:
        lines.append("")
        lines += render_type(typedef, models)
    return lines


def render_model_file(module: str, doc: str, items: list[TypeDef], models: Models) -> str:
    """A model file of `module`: types of its sibling files come through `super` (which re-exports them)."""
    lines = doc_lines(f"{doc}\n\n{GENERATED_NOTE}", prefix="//!")
    lines.append("")
    here = {t.name for t in items}
    foreign = imports_for(module, items, models, set())
    siblings = sorted({n for t in items for n in t.refs() if models.types[n].home == module and n not in here})
    uses = use_lines(foreign)
    if siblings:
        uses.append(f"use super::{{{', '.join(siblings)}}};" if len(siblings) > 1 else f"use super::{siblings[0]};")
    if any(isinstance(t, Struct) and t.query for t in items):
        uses.append("use crate::QueryParams;")
    if any(isinstance(t, Struct) and t.request and limit_checks(t, models) for t in items):
        uses.append("use crate::limits;")
    if any(isinstance(t, (Struct, Union, AnyOf)) for t in items):
        uses.append("use serde::{Deserialize, Serialize};")
    lines += sorted(uses)
    lines += render_items(items, models)
    return "\n".join(lines) + "\n"
