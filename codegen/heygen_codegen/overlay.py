"""The reviewed changes HeyGen made after the catalog, applied to its operations before they are planned.

`spec/operations.json` is vendored and never edited; what HeyGen's later documents changed in its
operations is written down in `codegen/config/september.toml`, one `[[change]]` per fact of
`spec/september-changes.md` (each cites the row it comes from), and applied here. An entry that no
longer applies (a path that resolves to nothing, a field added that is already there, a variant
removed that is already gone) stops the generator, so the overlay is revisited when the catalog is
re-vendored instead of silently doing nothing.

Paths are written as the facts write them: `body` (the request body), `resp` (the whole response
envelope), `query.<name>` (a query parameter); `.name` a property, `[]` an array's items and `<tag>`
the variant of a discriminated union whose tag is `tag`.

What a change can do, at its path:

* `add = { field = schema, ... }`: new optional properties; a schema `{ like = "<path>" }` copies the
  schema found at another path of the same operation;
* `enum = [...]`: the enum values (added or removed);
* `nullable = false`: null no longer accepted;
* `remove_variants = [tag, ...]`: variants of a discriminated union that are gone;
* `deprecated = "note"`: the property is deprecated; the note names the replacement and becomes the
  Rust `#[deprecated(note = ...)]`;
* `idempotency_key = true` (no path): the operation takes an `Idempotency-Key`.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .paths import CONFIG_DIR

OVERLAY = CONFIG_DIR / "september.toml"
_STEP = re.compile(r"\.([A-Za-z0-9_]+)|\[\]|<([^>]+)>")


@dataclass(frozen=True)
class Change:
    """One reviewed change: the fact it comes from, where it applies and what it does."""

    fact: str
    operations: tuple[str, ...]
    at: str
    actions: dict


def load(path: Path = OVERLAY) -> list[Change]:
    """The changes of an overlay file, in file order; no file is no change."""
    if not path.is_file():
        return []
    with path.open("rb") as file:
        data = tomllib.load(file)
    changes = []
    for entry in data.get("change", []):
        entry = dict(entry)
        fact = entry.pop("fact", "")
        if not fact:
            raise SystemExit(f"{path.name}: a change without `fact` (cite the row of spec/september-changes.md)")
        operations = entry.pop("operations")
        at = entry.pop("at", "")
        changes.append(Change(fact, tuple(operations), at, entry))
    return changes


def _fail(change: Change, operation: str, message: str) -> SystemExit:
    return SystemExit(f"september.toml (fact {change.fact}), {operation} at `{change.at}`: {message}")


def _variant(union: dict, tag: str) -> dict | None:
    # Imported here: `schema` reads the catalog's conventions for tags, which the overlay shares.
    from .schema import union_tags

    for variant, value in zip(union["oneOf"], union_tags(union)):
        if value == tag:
            return variant
    return None


def resolve(op: dict, path: str) -> dict | None:
    """The schema (or query parameter) at `path` in an operation, or None when nothing is there."""
    if path.startswith("query."):
        name = path[len("query."):]
        return next((p for p in op["query_params"] if p["name"] == name), None)
    if path.startswith("body"):
        node, rest = op.get("request_schema"), path[len("body"):]
    elif path.startswith("resp"):
        node, rest = op.get("response_schema"), path[len("resp"):]
    else:
        return None
    pos = 0
    while pos < len(rest):
        match = _STEP.match(rest, pos)
        if match is None or node is None:
            return None
        pos = match.end()
        if match.group(1) is not None:
            if len(node.get("oneOf") or []) == 1:
                # A union of one variant (the facts write its fields without the tag).
                node = node["oneOf"][0]
            node = (node.get("properties") or {}).get(match.group(1))
        elif match.group(2) is not None:
            node = _variant(node, match.group(2)) if "oneOf" in node else None
        else:
            node = node.get("items")
    return node


def _apply(change: Change, op: dict) -> None:
    name = op["operation"]
    actions = change.actions
    if actions.get("idempotency_key") is True:
        if op["idempotency_key"] is True:
            raise _fail(change, name, "already takes an Idempotency-Key")
        op["idempotency_key"] = True
        op["idempotency_source"] = f"september-changes.md #{change.fact}"
    if not change.at:
        return
    node = resolve(op, change.at)
    if node is None:
        raise _fail(change, name, "the path resolves to nothing")
    for field, schema in (actions.get("add") or {}).items():
        props = node.setdefault("properties", {})
        if field in props:
            raise _fail(change, name, f"`{field}` is already there")
        if "like" in schema:
            source = resolve(op, schema["like"])
            if source is None:
                raise _fail(change, name, f"`like = {schema['like']}` resolves to nothing")
            schema = {**copy.deepcopy(source), **{k: v for k, v in schema.items() if k != "like"}}
        props[field] = copy.deepcopy(schema)
    if "enum" in actions:
        if node.get("enum") == actions["enum"]:
            raise _fail(change, name, "the enum already has these values")
        removed = [v for v in node.get("enum") or [] if v is not None and v not in actions["enum"]]
        if removed and node.get("enum"):
            # Kept so that a request holding one (as an `Unknown`) is refused before it is sent.
            node["x-removed-values"] = removed
        node["enum"] = list(actions["enum"])
    if "nullable" in actions:
        if bool(node.get("nullable")) == actions["nullable"]:
            raise _fail(change, name, f"nullable is already {actions['nullable']}")
        node["nullable"] = actions["nullable"]
    for tag in actions.get("remove_variants") or []:
        variant = _variant(node, tag) if "oneOf" in node else None
        if variant is None:
            raise _fail(change, name, f"no variant `{tag}` to remove")
        node["oneOf"] = [v for v in node["oneOf"] if v is not variant]
        node["discriminator"]["mapping"].pop(tag)
    if "deprecated" in actions:
        if node.get("deprecated"):
            raise _fail(change, name, "already deprecated")
        node["deprecated"] = True
        node["x-deprecated-note"] = actions["deprecated"]
    if "description" in actions:
        node["description"] = actions["description"]


def as_json(changes: list[Change]) -> str:
    """The changes as JSON (`tests/fixtures/september-overlay.json`), for readers without TOML."""
    entries = [
        {"fact": c.fact, "operations": list(c.operations), "at": c.at, **c.actions} for c in changes
    ]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def apply(catalog: list[dict], changes: list[Change]) -> list[dict]:
    """A copy of the catalog with every change applied, in order; fails on a change that applies nowhere."""
    patched = copy.deepcopy(catalog)
    by_name = {op["operation"]: op for op in patched}
    for change in changes:
        for name in change.operations:
            op = by_name.get(name)
            if op is None:
                raise _fail(change, name, "no such operation")
            _apply(change, op)
    return patched
