"""September's limits on the catalog's request bodies (`spec/september-constraints.md`), added to the
catalog's schemas before they are planned, so that the generated request types check them.

The catalog's projection dropped every length, range and number of items; the vendored facts list
them per operation as `- \\`<path>\\`: minLen=1, maxLen=255`, with paths in the notation of
`overlay.py`. Body limits become the schema keywords (`minLength`, `maximum`, `maxItems`, ...) the
extra operations already carry. Header and query lines are skipped: the `Idempotency-Key` is checked
by `IdempotencyKey` itself, and the catalog's query parameters keep their own `min`/`max`. A body
path that resolves to nothing stops the generator.
"""

from __future__ import annotations

import re
from pathlib import Path

from .overlay import resolve
from .paths import ROOT

CONSTRAINTS = ROOT / "spec" / "september-constraints.md"

_HEADING = re.compile(r"^## [A-Z]+ \S+ \(`([a-z_]+)`\)$")
_LINE = re.compile(r"^- `(body[^`]*)`: (.+)$")
KEYWORDS = {
    "minLen": "minLength", "maxLen": "maxLength", "min": "minimum", "max": "maximum",
    "minItems": "minItems", "maxItems": "maxItems",
}


def parse(text: str) -> list[tuple[str, str, dict]]:
    """(operation, body path, schema keywords) for every body line of the facts."""
    out = []
    operation = None
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            operation = heading.group(1)
            continue
        match = _LINE.match(line)
        if match is None or operation is None:
            continue
        keywords = {}
        for part in match.group(2).split(", "):
            key, _, value = part.partition("=")
            if key not in KEYWORDS:
                raise SystemExit(f"september-constraints.md: unknown limit `{key}` in {line!r}")
            number = float(value)
            keywords[KEYWORDS[key]] = int(number) if number.is_integer() and key != "max" and key != "min" else number
        out.append((operation, match.group(1), keywords))
    return out


def apply(catalog: list[dict], path: Path = CONSTRAINTS) -> list[dict]:
    """The catalog (changed in place and returned) with every body limit of the facts added."""
    by_name = {op["operation"]: op for op in catalog}
    for operation, where, keywords in parse(path.read_text()):
        op = by_name.get(operation)
        node = resolve(op, where) if op is not None else None
        if node is None:
            raise SystemExit(f"september-constraints.md: {operation} `{where}` resolves to nothing")
        node.update(keywords)
    return catalog
