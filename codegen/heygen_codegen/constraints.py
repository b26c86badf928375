"""September's limits on the catalog's request bodies (`spec/september-constraints.md`), added to the
catalog's schemas before they are planned, so that the generated request types check them.

The catalog's projection dropped every length, range and number of items; the vendored facts list
them per operation as `- \\`<path>\\`: minLen=1, maxLen=255`, with paths in the notation of
`overlay.py`. Body limits become the schema keywords (`minLength`, `maximum`, `maxItems`, ...) the
extra operations already carry. Query limits go on the catalog's query parameter: its lengths as
`minLength`/`maxLength`, its range as the parameter's own `min`/`max`, which must agree with the
catalog's where it has them. Header lines are skipped: the `Idempotency-Key` is checked by
`IdempotencyKey` itself. A path or parameter that resolves to nothing stops the generator.
"""

from __future__ import annotations

import re
from pathlib import Path

from .overlay import resolve
from .paths import ROOT

CONSTRAINTS = ROOT / "spec" / "september-constraints.md"

_HEADING = re.compile(r"^## [A-Z]+ \S+ \(`([a-z_]+)`\)$")
_LINE = re.compile(r"^- `(body[^`]*)`: (.+)$")
_QUERY_LINE = re.compile(r"^- query `([a-z_]+)`: (.+)$")
KEYWORDS = {
    "minLen": "minLength", "maxLen": "maxLength", "min": "minimum", "max": "maximum",
    "minItems": "minItems", "maxItems": "maxItems",
}


def _keywords(line: str, limits: str) -> dict:
    keywords = {}
    for part in limits.split(", "):
        key, _, value = part.partition("=")
        if key not in KEYWORDS:
            raise SystemExit(f"september-constraints.md: unknown limit `{key}` in {line!r}")
        number = float(value)
        keywords[KEYWORDS[key]] = int(number) if number.is_integer() and key != "max" and key != "min" else number
    return keywords


def parse(text: str) -> list[tuple[str, str, dict]]:
    """(operation, where, schema keywords) for every body and query line of the facts; `where` is
    a body path, or `query <name>` for a query parameter."""
    out = []
    operation = None
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            operation = heading.group(1)
            continue
        if operation is None:
            continue
        match = _LINE.match(line)
        if match is not None:
            out.append((operation, match.group(1), _keywords(line, match.group(2))))
            continue
        match = _QUERY_LINE.match(line)
        if match is not None:
            out.append((operation, f"query {match.group(1)}", _keywords(line, match.group(2))))
    return out


def _apply_query(op: dict, operation: str, name: str, keywords: dict) -> None:
    param = next((q for q in op.get("query_params") or [] if q["name"] == name), None)
    if param is None:
        raise SystemExit(f"september-constraints.md: {operation} has no query parameter `{name}`")
    for keyword, value in keywords.items():
        if keyword in ("minimum", "maximum"):
            own = "min" if keyword == "minimum" else "max"
            if param.get(own) is not None and float(param[own]) != float(value):
                raise SystemExit(
                    f"september-constraints.md: {operation} query `{name}` {own}={value}, "
                    f"the catalog says {param[own]}"
                )
            param[own] = param.get(own) if param.get(own) is not None else value
        elif keyword in ("minLength", "maxLength"):
            param[keyword] = value
        else:
            raise SystemExit(f"september-constraints.md: {operation} query `{name}`: `{keyword}` is not a query limit")


def apply(catalog: list[dict], path: Path = CONSTRAINTS) -> list[dict]:
    """The catalog (changed in place and returned) with every body and query limit of the facts
    added."""
    by_name = {op["operation"]: op for op in catalog}
    for operation, where, keywords in parse(path.read_text()):
        op = by_name.get(operation)
        if op is None:
            raise SystemExit(f"september-constraints.md: no operation {operation}")
        if where.startswith("query "):
            _apply_query(op, operation, where.removeprefix("query "), keywords)
            continue
        node = resolve(op, where)
        if node is None:
            raise SystemExit(f"september-constraints.md: {operation} `{where}` resolves to nothing")
        node.update(keywords)
    return catalog
