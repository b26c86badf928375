"""How far a HeyGen OpenAPI document has moved from what the crate declares.

What the crate declares is read as data, never from Rust source: the operations from the declared
surface `heygen_api::catalog` exports (`cargo run -p heygen-api --example endpoints`, a JSON list of
method, path, query parameters, idempotency), and the models from the generator's inputs (the
catalog with the reviewed overlay of `config/september.toml` applied, then the extra operations),
which is what the generated types are built from.

Both sides are flattened into fields keyed by the path notation of `spec/september-changes.md`:
`body.title`, `body<studio>.scenes[]<video>.script`, `resp.data[].id`, `query.limit`, where `<tag>`
is the variant of a discriminated union, `[]` an array's items and `resp` the whole answer
envelope. Each field keeps its enum values, whether it is required and whether it is deprecated;
the difference of the two flattenings, operation by operation, is the drift (with an
Idempotency-Key one side has and the other lacks).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete")
_TAG_IN_TEXT = re.compile(r"(?:Must be|Always) '([^']+)'")


LIMIT_KEYS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems")
# The catalog layout's query parameter types, as JSON Schema names them.
QUERY_TYPES = {"int": "integer", "float64": "number", "number": "number", "bool": "boolean", "string": "string"}


@dataclass
class Node:
    """One field: its enum values (None when it is not an enum), whether it is required and whether
    it is deprecated, its JSON types (None when the schema states none) and its limits."""

    enum: frozenset | None = None
    required: bool = False
    deprecated: bool = False
    kind: frozenset | None = None
    limits: tuple = ()


def json_types(schema: dict) -> frozenset | None:
    """The JSON types a schema states, `null` aside; None when it states none."""
    kind = schema.get("type")
    if kind is None:
        return None
    found = set(kind) if isinstance(kind, list) else {kind}
    found.discard("null")
    return frozenset(found) or None


def stated_limits(schema: dict) -> tuple:
    """The limits a schema states (`minLength`, `maximum`, ...), as sorted pairs."""
    return tuple(sorted((k, schema[k]) for k in LIMIT_KEYS if schema.get(k) is not None))


def query_node(param: dict, schema: dict | None = None) -> Node:
    """A query parameter as a field: from an OpenAPI `schema`, or from the catalog layout's own
    keys (`type: int`, `min`, `max`) when there is none."""
    if schema is not None:
        values = [v for v in schema.get("enum") or [] if v is not None]
        return Node(frozenset(values) if values else None, bool(param.get("required")),
                    kind=json_types(schema), limits=stated_limits(schema))
    values = [v for v in param.get("enum") or [] if v is not None]
    kind = QUERY_TYPES.get(param.get("type"))
    stated = {"minimum": param.get("min"), "maximum": param.get("max"),
              "minLength": param.get("minLength"), "maxLength": param.get("maxLength")}
    return Node(frozenset(values) if values else None, bool(param.get("required")),
                kind=frozenset({kind}) if kind else None,
                limits=tuple(sorted((k, v) for k, v in stated.items() if v is not None)))


@dataclass
class OperationShape:
    """An operation's fields, as one side states them."""

    method: str
    path: str
    name: str = ""
    idempotency_header: bool | None = None  # None: the side does not say
    fields: dict[str, Node] = field(default_factory=dict)


@dataclass
class OperationDrift:
    method: str
    path: str
    declared: str
    added: list[str] = field(default_factory=list)  # fields the document has, the crate does not
    removed: list[str] = field(default_factory=list)  # fields the crate declares, the document lacks
    enums: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # (field, new, gone)
    required: list[tuple[str, bool]] = field(default_factory=list)  # (field, required in the document)
    deprecated: list[tuple[str, bool]] = field(default_factory=list)  # (field, deprecated in the document)
    types: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # (field, document's, crate's)
    # (field, limit, the document's value, the crate's or None): a limit the document states
    limits: list[tuple[str, str, object, object]] = field(default_factory=list)
    idempotency: tuple[bool, bool] | None = None  # (in the document, sent by the crate) when they differ
    # Each enum field's values on both sides (None: no enum there), for the report.
    enum_values: dict = field(default_factory=dict)

    def enum_sides(self, where: str) -> tuple[list | None, list | None]:
        theirs, ours = self.enum_values.get(where, (None, None))
        return (None if theirs is None else sorted(map(str, theirs)),
                None if ours is None else sorted(map(str, ours)))

    def empty(self) -> bool:
        return not (self.added or self.removed or self.enums or self.required or self.deprecated
                    or self.types or self.limits or self.idempotency)


@dataclass
class Drift:
    missing: list[tuple[str, str, str]]  # (method, path, operationId): the crate lacks them
    gone: list[tuple[str, str, str]]  # (method, path, declared name): the document lacks them
    operations: list[OperationDrift]

    def empty(self) -> bool:
        return not (self.missing or self.gone or any(not o.empty() for o in self.operations))


def route(method: str, path: str) -> tuple[str, str]:
    """A route with its path parameters unnamed, so `{id}` and `{video_id}` match."""
    return method.upper(), re.sub(r"\{[^}]+\}", "{}", path)


# -- flattening a schema -----------------------------------------------------------------------


class Flattener:
    """Flattens schemas into `Node`s; `$ref`s resolve against `root` (an OpenAPI document)."""

    def __init__(self, root: dict | None = None) -> None:
        self.root = root or {}

    def deref(self, schema: dict, seen: tuple) -> tuple[dict, tuple]:
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen:
                return {}, seen  # recursive: the inner level is not compared
            seen = seen + (ref,)
            target = self.root
            for part in ref.lstrip("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema, seen

    def merged(self, schema: dict, seen: tuple) -> tuple[dict, tuple]:
        """The schema with `$ref`s and `allOf` folded in, and a `oneOf`/`anyOf` that only adds
        `null` (3.1 style `anyOf: [X, {type: null}]`) reduced to its one branch."""
        schema, seen = self.deref(schema, seen)
        if "allOf" in schema:
            out = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                part, seen = self.merged(part, seen)
                out.setdefault("properties", {}).update(part.get("properties") or {})
                out["required"] = list(out.get("required") or []) + list(part.get("required") or [])
                for key, value in part.items():
                    if key not in ("properties", "required"):
                        out.setdefault(key, value)
            schema = out
        for key in ("oneOf", "anyOf"):
            branches = schema.get(key)
            if branches and "discriminator" not in schema:
                real = [b for b in branches if self.deref(b, seen)[0].get("type") != "null"]
                if len(real) == 1 and len(real) < len(branches):
                    rest = {k: v for k, v in schema.items() if k != key}
                    branch, seen = self.merged(real[0], seen)
                    return {**branch, **rest}, seen
        return schema, seen

    def tag_of(self, variant: dict, raw: dict, prop: str, mapping: dict, seen: tuple) -> str | None:
        tag_schema, _ = self.deref((variant.get("properties") or {}).get(prop) or {}, seen)
        if "const" in tag_schema:
            return tag_schema["const"]
        values = [v for v in tag_schema.get("enum") or [] if v is not None]
        if len(values) == 1:
            return values[0]
        if tag_schema.get("default"):
            return tag_schema["default"]
        match = _TAG_IN_TEXT.search(tag_schema.get("description") or "")
        if match:
            return match.group(1)
        ref = raw.get("$ref") if isinstance(raw, dict) else None
        for key, target in mapping.items():
            if ref is not None and target == ref:
                return key
        own = [key for key in mapping if key in (variant.get("properties") or {})]
        return own[0] if len(own) == 1 else None

    def flatten(self, schema: dict | None, path: str, out: dict[str, Node], seen: tuple = ()) -> None:
        if not schema:
            return
        schema, seen = self.merged(schema, seen)
        branches = schema.get("oneOf") or schema.get("anyOf")
        if branches:
            disc = schema.get("discriminator") or {}
            prop = disc.get("propertyName", "type")
            mapping = disc.get("mapping") or {}
            branches = [b for b in branches if self.deref(b, seen)[0].get("type") != "null"]
            resolved = [self.merged(b, seen) for b in branches]
            tags = [self.tag_of(v, raw, prop, mapping, s) for raw, (v, s) in zip(branches, resolved)]
            left = [key for key in mapping if key not in tags]
            if tags.count(None) == 1 and len(left) == 1:
                tags[tags.index(None)] = left[0]
            for i, ((variant, vseen), tag) in enumerate(zip(resolved, tags)):
                where = f"{path}<{tag if tag is not None else i}>"
                out.setdefault(where, Node())
                self.object_fields(variant, where, out, vseen, skip=prop)
            return
        kind = schema.get("type")
        kinds = set(kind) if isinstance(kind, list) else {kind}
        if "array" in kinds:
            items, iseen = self.merged(schema.get("items") or {}, seen)
            values = [v for v in items.get("enum") or [] if v is not None]
            if values:
                out[f"{path}[]"] = Node(frozenset(values), kind=json_types(items), limits=stated_limits(items))
            self.flatten(items, f"{path}[]", out, iseen)
        elif "object" in kinds or "properties" in schema:
            self.object_fields(schema, path, out, seen)

    def object_fields(self, schema: dict, path: str, out: dict[str, Node], seen: tuple, skip: str = "") -> None:
        required = set(schema.get("required") or [])
        for name, prop in (schema.get("properties") or {}).items():
            if name == skip:
                continue
            where = f"{path}.{name}"
            resolved, pseen = self.merged(prop, seen)
            values = [v for v in resolved.get("enum") or [] if v is not None]
            deprecated = bool(resolved.get("deprecated") or prop.get("deprecated"))
            out[where] = Node(frozenset(values) if values else None, name in required, deprecated,
                              kind=json_types(resolved), limits=stated_limits(resolved))
            self.flatten(resolved, where, out, pseen)


# -- the two sides -----------------------------------------------------------------------------


def declared_shapes(endpoints: list[dict], models: list[dict]) -> dict[tuple[str, str], OperationShape]:
    """What the crate declares: its endpoints (the `catalog` listing) with the fields of the
    generator's input operation at the same route."""
    by_route = {route(op["method"], op["path"]): op for op in models}
    flat = Flattener()
    shapes = {}
    for endpoint in endpoints:
        key = route(endpoint["method"], endpoint["path"])
        shape = OperationShape(endpoint["method"].upper(), endpoint["path"], endpoint["name"],
                               bool(endpoint.get("idempotent")))
        op = by_route.get(key)
        if op is not None:
            for param in op.get("query_params") or []:
                shape.fields[f"query.{param['name']}"] = query_node(param)
            flat.flatten(op.get("request_schema"), "body", shape.fields)
            if op.get("response_content_type", "application/json") == "application/json":
                flat.flatten(op.get("response_schema"), "resp", shape.fields)
        shapes[key] = shape
    return shapes


def document_shapes(document: dict, prefix: str = "/v3/") -> dict[tuple[str, str], OperationShape]:
    """The operations of an OpenAPI document under `prefix`, with their fields."""
    flat = Flattener(document)
    shapes = {}
    for path, item in (document.get("paths") or {}).items():
        if not path.startswith(prefix):
            continue
        shared = item.get("parameters") or []
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            shape = OperationShape(method.upper(), path, op.get("operationId", ""), False)
            for raw in shared + (op.get("parameters") or []):
                param, _ = flat.deref(raw, ())
                if param.get("in") == "header" and param.get("name", "").lower() == "idempotency-key":
                    shape.idempotency_header = True
                if param.get("in") != "query":
                    continue
                schema, _ = flat.merged(param.get("schema") or {}, ())
                shape.fields[f"query.{param['name']}"] = query_node(param, schema)
            body, _ = flat.deref(op.get("requestBody") or {}, ())
            content = body.get("content") or {}
            media = content.get("application/json") or content.get("multipart/form-data") or {}
            json_body = media.get("schema")
            flat.flatten(json_body, "body", shape.fields)
            for status, answer in sorted((op.get("responses") or {}).items()):
                if not str(status).startswith("2"):
                    continue
                answer, _ = flat.deref(answer, ())
                content = (answer.get("content") or {}).get("application/json")
                if content is not None:
                    flat.flatten(content.get("schema"), "resp", shape.fields)
                break
            shapes[route(method, path)] = shape
    return shapes


def query_schema(param: dict) -> dict:
    """A catalog-layout query parameter's schema: its type, enum and limits."""
    schema: dict = {"type": QUERY_TYPES.get(param.get("type"), "string")}
    if param.get("enum"):
        schema["enum"] = param["enum"]
    for own, keyword in (("min", "minimum"), ("max", "maximum"), ("minLength", "minLength"),
                         ("maxLength", "maxLength")):
        if param.get(own) is not None:
            schema[keyword] = param[own]
    return schema


def catalog_as_openapi(operations: list[dict]) -> dict:
    """Operations in the catalog's layout (`spec/operations.json`, `spec/extra-operations.json`) as
    an OpenAPI document, so that facts vendored in that layout can be checked like a document."""
    paths: dict = {}
    for op in operations:
        params = [
            {"name": p["name"], "in": "query", "required": bool(p.get("required")),
             "schema": query_schema(p)}
            for p in op.get("query_params") or []
        ]
        if op.get("idempotency_key") is True:
            params.append({"name": "Idempotency-Key", "in": "header", "required": False})
        entry: dict = {"operationId": op["operation"], "parameters": params}
        if op.get("request_schema") is not None:
            media = "multipart/form-data" if op.get("body_encoding") == "multipart" else "application/json"
            entry["requestBody"] = {"content": {media: {"schema": op["request_schema"]}}}
        content_type = op.get("response_content_type", "application/json")
        answer = {"description": ""}
        if op.get("response_schema") is not None:
            answer["content"] = {content_type: {"schema": op["response_schema"]}}
        entry["responses"] = {str(op.get("success_status", 200)): answer}
        paths.setdefault(op["path"], {})[op["method"].lower()] = entry
    return {"openapi": "3.0.3", "paths": paths}


# -- the difference ----------------------------------------------------------------------------


_UNTAGGED = re.compile(r"<(\d+)>")


def align_variants(theirs: dict[str, Node], ours: dict[str, Node]) -> None:
    """Names the variants a document leaves untagged (`x<0>`: a discriminator without a mapping
    and a tag property without a value) after the declared variant with the same fields."""
    def unmatched(key: str):
        # The first untagged variant of `key` that the declared side does not name the same way.
        for match in _UNTAGGED.finditer(key):
            if key[: match.end()] not in ours:
                return match
        return None

    while True:
        match = next((m for m in map(unmatched, theirs) if m is not None), None)
        if match is None:
            return
        variant = match.string[: match.end()]
        union = match.string[: match.start()]

        def children(fields: dict[str, Node], prefix: str) -> frozenset:
            return frozenset(k[len(prefix):] for k in fields if k.startswith(prefix + "."))

        own = children(theirs, variant)
        candidates = [
            k for k in ours
            if k.startswith(union + "<") and k.endswith(">") and "." not in k[len(union):]
            and children(ours, k) == own and k not in theirs
        ]
        # With no declared twin it keeps a name of its own, one that cannot match again.
        target = candidates[0] if len(candidates) == 1 else f"{union}<#{match.group(1)}>"
        for k in [k for k in theirs if k == variant or k.startswith(variant + ".") or k.startswith(variant + "<")
                  or k.startswith(variant + "[")]:
            theirs[target + k[len(variant):]] = theirs.pop(k)


def compare(document: dict, endpoints: list[dict], models: list[dict], prefix: str = "/v3/") -> Drift:
    doc = document_shapes(document, prefix)
    declared = declared_shapes(endpoints, models)
    missing = sorted((s.method, s.path, s.name) for k, s in doc.items() if k not in declared)
    gone = sorted((s.method, s.path, s.name) for k, s in declared.items() if k not in doc)
    operations = []
    for key in sorted(set(doc) & set(declared), key=lambda k: (k[1], k[0])):
        theirs, ours = doc[key], declared[key]
        align_variants(theirs.fields, ours.fields)
        drift = OperationDrift(ours.method, ours.path, ours.name)
        drift.added = sorted(set(theirs.fields) - set(ours.fields))
        drift.removed = sorted(set(ours.fields) - set(theirs.fields))
        for where in sorted(set(theirs.fields) & set(ours.fields)):
            a, b = theirs.fields[where], ours.fields[where]
            if a.enum != b.enum:
                drift.enums.append((where, sorted((a.enum or frozenset()) - (b.enum or frozenset())),
                                    sorted((b.enum or frozenset()) - (a.enum or frozenset()))))
                drift.enum_values[where] = (a.enum, b.enum)
            if a.required != b.required:
                drift.required.append((where, a.required))
            if a.deprecated != b.deprecated:
                drift.deprecated.append((where, a.deprecated))
            if a.kind is not None and b.kind is not None and a.kind != b.kind:
                drift.types.append((where, sorted(a.kind), sorted(b.kind)))
            # A limit the document states and the crate does not check the same way; a document
            # that states no limits (the catalog's projection) says nothing about them.
            checked = dict(b.limits)
            for limit, value in a.limits:
                if checked.get(limit) is None or float(checked[limit]) != float(value):
                    drift.limits.append((where, limit, value, checked.get(limit)))
        if bool(theirs.idempotency_header) != bool(ours.idempotency_header):
            drift.idempotency = (bool(theirs.idempotency_header), bool(ours.idempotency_header))
        operations.append(drift)
    return Drift(missing, gone, operations)


def outermost(fields: list[str]) -> list[tuple[str, int]]:
    """The fields not inside another of the list, each with how many of the list it holds."""
    def inside(inner: str, outer: str) -> bool:
        return inner != outer and inner.startswith(outer) and inner[len(outer)] in ".<["

    return [(f, sum(inside(g, f) for g in fields)) for f in fields if not any(inside(f, g) for g in fields)]


def _with_count(name: str, count: int) -> str:
    return f"{name} (and {count} field{'s' if count != 1 else ''} inside)" if count else name


def report(drift: Drift) -> str:
    """The drift as text, for a maintainer."""
    lines = [f"operations the document has and the crate lacks: {len(drift.missing)}"]
    lines += [f"  {m} {p}  ({name})" for m, p, name in drift.missing]
    lines.append(f"operations the crate declares and the document does not have: {len(drift.gone)}")
    lines += [f"  {m} {p}  ({name})" for m, p, name in drift.gone]
    changed = [o for o in drift.operations if not o.empty()]
    lines.append(f"declared operations whose fields differ: {len(changed)} of {len(drift.operations)} compared")
    for o in changed:
        lines.append(f"  {o.method} {o.path}  ({o.declared})")
        lines += [f"    {_with_count(f, n)}: in the document, not declared" for f, n in outermost(o.added)]
        lines += [f"    {_with_count(f, n)}: declared, not in the document" for f, n in outermost(o.removed)]
        for f, new, gone in o.enums:
            theirs, ours = o.enum_sides(f)
            if theirs is None:
                lines.append(f"    {f}: enum values: the document states none (any value); the crate "
                             f"takes {', '.join(map(str, ours))}")
                continue
            if ours is None:
                lines.append(f"    {f}: enum values: the crate takes any value; the document "
                             f"states {', '.join(map(str, theirs))}")
                continue
            parts = []
            if new:
                parts.append("the document adds " + ", ".join(map(str, new)))
            if gone:
                parts.append("the document drops " + ", ".join(map(str, gone)))
            lines.append(f"    {f}: enum values: {'; '.join(parts)}")
        for f, theirs, ours in o.types:
            lines.append(f"    {f}: type {'|'.join(theirs)} in the document, {'|'.join(ours)} in the crate")
        for f, limit, theirs, ours in o.limits:
            lines.append(f"    {f}: {limit} {theirs} in the document, "
                         f"{'not checked' if ours is None else ours} in the crate")
        for f, required in o.required:
            lines.append(f"    {f}: {'required' if required else 'optional'} in the document, "
                         f"{'optional' if required else 'required'} in the crate")
        for f, deprecated in o.deprecated:
            lines.append(f"    {f}: {'deprecated' if deprecated else 'not deprecated'} in the document, "
                         f"{'not deprecated' if deprecated else 'deprecated'} in the crate")
        if o.idempotency == (True, False):
            lines.append("    Idempotency-Key: the document takes one, the crate sends none")
        elif o.idempotency == (False, True):
            lines.append("    Idempotency-Key: the crate sends one, the document does not list it")
    return "\n".join(lines) + "\n"


def as_json(drift: Drift) -> str:
    def operation(o: OperationDrift) -> dict:
        return {
            "method": o.method, "path": o.path, "declared": o.declared, "added": o.added,
            "removed": o.removed,
            "enums": [{"field": f, "added": new, "removed": gone} for f, new, gone in o.enums],
            "required": [{"field": f, "required_in_document": r} for f, r in o.required],
            "deprecated": [{"field": f, "deprecated_in_document": d} for f, d in o.deprecated],
            "types": [{"field": f, "in_document": t, "declared": d} for f, t, d in o.types],
            "limits": [{"field": f, "limit": k, "in_document": t, "declared": d} for f, k, t, d in o.limits],
            "idempotency_key": None if o.idempotency is None
            else {"in_document": o.idempotency[0], "declared": o.idempotency[1]},
        }

    return json.dumps({
        "missing": [{"method": m, "path": p, "operation_id": n} for m, p, n in drift.missing],
        "gone": [{"method": m, "path": p, "declared": n} for m, p, n in drift.gone],
        "operations": [operation(o) for o in drift.operations if not o.empty()],
    }, indent=2) + "\n"
