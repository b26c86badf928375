"""The `use` lines of a generated file: the types it names that live elsewhere."""

from __future__ import annotations

from ..model import Models, TypeDef

def imports_for(module: str, items: list[TypeDef], models: Models, extra: set[str]) -> dict[str, set[str]]:
    """The types `module` names that live in other modules, by module."""
    foreign: dict[str, set[str]] = {}
    for name in [n for t in items for n in t.refs()] + sorted(extra):
        home = models.types[name].home
        if home != module:
            foreign.setdefault(home, set()).add(name)
    return foreign


def use_lines(foreign: dict[str, set[str]]) -> list[str]:
    lines = []
    for home in sorted(foreign):
        names = sorted(foreign[home])
        listed = f"{{{', '.join(names)}}}" if len(names) > 1 else names[0]
        lines.append(f"use crate::{home}::{listed};")
    return lines

