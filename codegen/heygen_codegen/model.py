"""The Rust model: the types, fields and variants the catalog's schemas become, one type per distinct shape."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .config import CONFIG
from .schema import is_merged_union, shape_key, union_schema_names, union_tags
from .text import clean_doc, humanize, ident, json_literal, pascal, sentence, singular_name, variant_name

@dataclass
class Ty:
    """A Rust type expression."""

    kind: str  # String, i64, u32, f64, bool, vec, value, object, named
    inner: "Ty | None" = None
    name: str = ""

    def render(self) -> str:
        if self.kind == "vec":
            return f"Vec<{self.inner.render()}>"
        if self.kind == "value":
            return "serde_json::Value"
        if self.kind == "object":
            return "serde_json::Map<String, serde_json::Value>"
        if self.kind == "named":
            return self.name
        return self.kind

    def named(self) -> list[str]:
        if self.kind == "named":
            return [self.name]
        if self.inner is not None:
            return self.inner.named()
        return []

    def is_free_form(self) -> bool:
        if self.kind in ("value", "object"):
            return True
        return self.inner.is_free_form() if self.inner is not None else False


@dataclass
class Field:
    wire: str
    ty: Ty
    optional: bool
    doc: str
    default: object = None
    deprecated: str | None = None  # the note of `#[deprecated]`: why, and what to use instead
    limits: dict = field(default_factory=dict)  # minLength, maxLength, minimum, maximum, minItems, maxItems
    removed: tuple[str, ...] = ()  # enum values HeyGen removed, refused before sending

    @property
    def ident(self) -> str:
        return ident(self.wire)

    def rust_type(self) -> str:
        return f"Option<{self.ty.render()}>" if self.optional else self.ty.render()


@dataclass
class Struct:
    name: str
    doc: str
    fields: list[Field]
    request: bool = False
    response: bool = False
    query: bool = False
    home: str = ""
    required_order: list[str] = field(default_factory=list)
    builder: bool = True  # false for a part built only through the type holding it

    def refs(self) -> list[str]:
        return [name for f in self.fields for name in f.ty.named()]


@dataclass
class StringEnum:
    name: str
    doc: str
    values: list[str]
    home: str = ""

    def refs(self) -> list[str]:
        return []


@dataclass
class Variant:
    name: str
    tag: str
    doc: str
    fields: list[Field] | None = None  # struct variant
    payload: Ty | None = None  # newtype variant


@dataclass
class Union:
    name: str
    doc: str
    tag: str
    variants: list[Variant]
    home: str = ""

    def refs(self) -> list[str]:
        out = []
        for v in self.variants:
            if v.payload is not None:
                out += v.payload.named()
            for f in v.fields or []:
                out += f.ty.named()
        return out


@dataclass
class AnyOfVariant:
    """One branch of an `anyOf`: its payload type, and how a value is told to be of this branch."""

    name: str
    payload: Ty
    tag: str | None  # the one value of the branch's tag property, if it has one
    marker: str | None = None  # for a branch without one: a property only it has (None: the fallback)
    # For a tagged branch whose tag property is optional (the tag is its default): the properties
    # a value without the tag must have, and (when the branch is closed) the only ones it may have.
    untagged_required: list[str] | None = None
    untagged_allowed: list[str] | None = None


@dataclass
class AnyOf:
    """A union that is not discriminated (`anyOf`), over objects that share a tag property.

    Branches whose tag property has one value are told apart by it; the others, whose tag is an open
    set, by a property only they have, the last one taking whatever is left. Decoded by reading the
    tag first (a generated `Deserialize`), encoded as the branch's payload.
    """

    name: str
    doc: str
    tag: str
    variants: list[AnyOfVariant]
    home: str = ""

    def refs(self) -> list[str]:
        return [name for v in self.variants for name in v.payload.named()]


TypeDef = Struct | StringEnum | Union | AnyOf


class Models:
    """Builds the named Rust types for the catalog's schemas, one type per distinct shape."""

    def __init__(self) -> None:
        self.types: dict[str, TypeDef] = {}
        self.by_shape: dict[str, str] = {}
        self.shape_of: dict[str, str] = {}
        self.order: list[str] = []

    # -- registration ----------------------------------------------------------------------------

    def register(self, typedef: TypeDef, key: str | None) -> Ty:
        existing = self.types.get(typedef.name)
        if existing is not None:
            if key is not None and self.shape_of.get(typedef.name) != key:
                raise SystemExit(f"two different schemas want the name {typedef.name}: rename one in TYPE_RENAMES")
            return Ty("named", name=typedef.name)
        self.types[typedef.name] = typedef
        self.order.append(typedef.name)
        if key is not None:
            self.by_shape.setdefault(key, typedef.name)
            self.shape_of[typedef.name] = key
        return Ty("named", name=typedef.name)

    def _known(self, key: str, explicit: str | None) -> Ty | None:
        name = self.by_shape.get(key)
        if name is None:
            return None
        if explicit is not None and explicit != name:
            return None
        return Ty("named", name=name)

    # -- translation -----------------------------------------------------------------------------

    def type_of(self, schema: dict | None, hint: str, explicit: str | None = None) -> Ty:
        """The Rust type of a schema; `hint` names a new named type, `explicit` insists on a name."""
        if schema is None:
            return Ty("value")
        if "oneOf" in schema:
            return self._union(schema, hint, explicit)
        if "anyOf" in schema:
            return self._any_of(schema, hint, explicit)
        if "x-recursive-ref" in schema:
            # A permissive stand-in for a schema that contains itself: the type built for it.
            target = schema["x-recursive-ref"]
            if target not in self.types:
                raise SystemExit(f"{hint}: x-recursive-ref {target} names no type built so far")
            return Ty("named", name=target)
        kind = schema.get("type")
        if kind == "object":
            if not schema.get("properties"):
                return Ty("object")
            return self._struct(schema, hint, explicit)
        if kind == "array":
            return Ty("vec", inner=self.type_of(schema["items"], singular_name(hint)))
        if kind == "string":
            if schema.get("enum"):
                return self._enum(hint, schema.get("description"), schema["enum"])
            return Ty("String")
        if kind == "integer":
            return Ty("i64")
        if kind == "number":
            return Ty("f64")
        if kind == "boolean":
            return Ty("bool")
        raise SystemExit(f"unsupported schema for {hint}: {json.dumps(schema)[:200]}")

    def _enum(self, hint: str, doc: str | None, values: list[str]) -> Ty:
        name = CONFIG.type_renames.get(hint, hint)
        existing = self.types.get(name)
        if existing is not None:
            if not isinstance(existing, StringEnum) or existing.values != list(values):
                raise SystemExit(f"enum {name} has two value lists: {existing} vs {values}")
            return Ty("named", name=name)
        enum_doc = sentence(CONFIG.docs.get(name) or clean_doc(doc) or f"{humanize(name)}.")
        return self.register(StringEnum(name, enum_doc, list(values)), None)

    def _fields(self, schema: dict, owner: str, skip: str | None = None) -> list[Field]:
        required = set(schema.get("required") or [])
        fields = []
        for wire, prop in schema.get("properties", {}).items():
            if wire == skip:
                continue
            hint = owner + pascal(wire)
            described = CONFIG.described_enums.get((owner, wire)) if prop.get("type") == "string" else None
            if described is not None and not prop.get("enum"):
                ty = self._enum(described[0], prop.get("description"), described[1])
            else:
                ty = self.type_of(prop, hint)
            optional = wire not in required or bool(prop.get("nullable"))
            doc = CONFIG.docs.get(f"{owner}.{wire}") or clean_doc(prop.get("description")) or f"{humanize(wire)}."
            deprecated = prop.get("x-deprecated-note") if prop.get("deprecated") else None
            limits = {k: prop[k] for k in LIMIT_KEYS if prop.get(k) is not None}
            fields.append(Field(
                wire, ty, optional, sentence(doc) + limits_note(prop), prop.get("default"), deprecated,
                limits, tuple(prop.get("x-removed-values") or ()),
            ))
        return fields

    def _struct(self, schema: dict, hint: str, explicit: str | None) -> Ty:
        key = shape_key(schema)
        known = self._known(key, explicit)
        if known is not None:
            return known
        name = explicit or CONFIG.type_renames.get(hint, hint)
        if name in self.types:
            return self.register(self.types[name], key)
        doc = CONFIG.docs.get(name) or clean_doc(schema.get("description")) or f"{humanize(name)}."
        order = CONFIG.constructor_order.get(name) or list(schema.get("required") or [])
        struct = Struct(name, doc, [], required_order=list(order))
        ty = self.register(struct, key)
        struct.fields = self._fields(schema, name)
        return ty

    def _union(self, schema: dict, hint: str, explicit: str | None) -> Ty:
        key = shape_key(schema)
        known = self._known(key, explicit)
        if known is not None:
            return known
        tag_prop = schema["discriminator"]["propertyName"]
        tags = union_tags(schema)
        schema_names = union_schema_names(schema)
        if is_merged_union(schema):
            # The variants differ only in their tag: one struct whose tag field is an enum.
            name = explicit or CONFIG.type_renames.get(hint, hint)
            doc = CONFIG.docs.get(name) or clean_doc(schema.get("description")) or f"{humanize(name)}."
            first = schema["oneOf"][0]
            struct = Struct(name, doc, [], required_order=list(first.get("required") or []))
            ty = self.register(struct, key)
            struct.fields = self._fields(first, name)
            for f in struct.fields:
                if f.wire == tag_prop:
                    f.ty = self._enum(name + pascal(tag_prop), None, tags)
                    f.doc = sentence(CONFIG.docs.get(f"{name}.{tag_prop}", f.doc))
            return ty
        name = explicit or CONFIG.union_names.get(frozenset(schema_names)) or CONFIG.type_renames.get(hint, hint)
        doc = CONFIG.docs.get(name) or clean_doc(schema.get("description")) or f"{humanize(name)}."
        union = Union(name, doc, tag_prop, [])
        ty = self.register(union, key)
        variants_fields = []
        for variant in schema["oneOf"]:
            rest = {k: v for k, v in variant["properties"].items() if k != tag_prop}
            variants_fields.append(rest)
        inline = all(
            len(rest) <= 3 and all(p.get("type") in ("string", "number", "integer", "boolean") for p in rest.values())
            for rest in variants_fields
        )
        for variant, tag, schema_name, rest in zip(schema["oneOf"], tags, schema_names, variants_fields):
            vdoc = CONFIG.docs.get(schema_name) or clean_doc(variant.get("description")) or f"`{tag}`."
            vname = variant_name(tag)
            if not rest:
                union.variants.append(Variant(vname, tag, vdoc))
            elif inline:
                fields = self._fields(variant, name, skip=tag_prop)
                union.variants.append(Variant(vname, tag, vdoc, fields=fields))
            else:
                payload_schema = dict(variant)
                payload_schema["properties"] = rest
                payload_schema["required"] = [r for r in variant.get("required", []) if r != tag_prop]
                payload_name = CONFIG.type_renames.get(schema_name, schema_name)
                payload = self.type_of(payload_schema, payload_name, explicit=payload_name)
                union.variants.append(Variant(vname, tag, vdoc, payload=payload))
        return ty

    def _any_of(self, schema: dict, hint: str, explicit: str | None) -> Ty:
        key = shape_key(schema)
        known = self._known(key, explicit)
        if known is not None:
            return known
        name = explicit or CONFIG.type_renames.get(hint, hint)
        if isinstance(self.types.get(name), AnyOf):
            # Configured to the name of an `anyOf` built before: the same union met again inside
            # itself (a container's children), whose innermost level the spec leaves permissive.
            return Ty("named", name=name)
        config = CONFIG.any_of.get(name)
        if config is None:
            raise SystemExit(f"anyOf {name} ({hint}): name its variants and types in names.toml [any_of]")
        branches = schema["anyOf"]
        if len(config["variants"]) != len(branches) or len(config["types"]) != len(branches):
            raise SystemExit(f"names.toml [any_of.{name}]: {len(branches)} branches, one name and type each")
        tag_prop = config.get("tag", "type")
        doc = CONFIG.docs.get(name) or clean_doc(schema.get("description")) or f"{humanize(name)}."
        union = AnyOf(name, doc, tag_prop, [])
        ty = self.register(union, key)
        for branch, vname, tname in zip(branches, config["variants"], config["types"]):
            if tag_prop not in branch.get("properties", {}) and "x-recursive-ref" not in branch:
                raise SystemExit(f"anyOf {name}: a branch without the tag property `{tag_prop}`")
            tag_schema = branch.get("properties", {}).get(tag_prop, {})
            tag = tag_schema["enum"][0] if len(tag_schema.get("enum") or []) == 1 else None
            payload = self.type_of(branch, tname, explicit=tname)
            variant = AnyOfVariant(vname, payload, tag)
            if tag is not None and tag_prop not in branch.get("required", []):
                # The tag may be left out: a value without it is this branch when it matches the
                # branch's schema (its required properties, and no others when it is closed).
                variant.untagged_required = list(branch.get("required", []))
                if branch.get("additionalProperties") is False:
                    variant.untagged_allowed = list(branch.get("properties", {}))
            union.variants.append(variant)
        open_branches = [
            (v, set(b.get("properties", {}))) for v, b in zip(union.variants, branches) if v.tag is None
        ]
        # The open branches with more properties are tried first; each needs one only it has.
        open_branches.sort(key=lambda item: -len(item[1]))
        for i, (variant, props) in enumerate(open_branches[:-1]):
            later = set().union(*(p for _, p in open_branches[i + 1:]))
            own = sorted(props - later)
            if not own:
                raise SystemExit(f"anyOf {name}: branch {variant.name} has no property of its own")
            variant.marker = own[0]
        tags = [v.tag for v in union.variants if v.tag is not None]
        if len(set(tags)) != len(tags):
            raise SystemExit(f"anyOf {name}: two branches with one tag")
        return ty

    # -- queries -----------------------------------------------------------------------------------

    def query_struct(self, name: str, params: list[dict], doc: str) -> Ty:
        fields = []
        for param in params:
            fields.append(self.query_field(name, param))
        required = [p["name"] for p in params if p["required"]]
        struct = Struct(name, doc, fields, query=True, request=True, required_order=required)
        return self.register(struct, None)

    def query_field(self, owner: str, param: dict) -> Field:
        wire = param["name"]
        if param.get("enum"):
            ty = self._enum(owner + pascal(wire), None, param["enum"])
        else:
            ty = query_scalar(param)
        limits = {
            k: v
            for k, v in (
                ("minimum", param.get("min")),
                ("maximum", param.get("max")),
                ("minLength", param.get("minLength")),
                ("maxLength", param.get("maxLength")),
            )
            if v is not None
        }
        return Field(wire, ty, not param["required"], query_doc(param), param.get("default"), limits=limits)


def query_scalar(param: dict) -> Ty:
    kind = param["type"]
    if kind == "int":
        return Ty("u32")
    if kind in ("float64", "number"):
        return Ty("f64")
    if kind == "bool":
        return Ty("bool")
    if kind == "string":
        return Ty("String")
    raise SystemExit(f"unsupported query parameter type {kind}")


LIMIT_KEYS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems")


def limits_note(schema: dict) -> str:
    """The limits a schema states (the extra operations keep them), as a doc sentence: ` At most 512
    characters.`, ` From 1 to 240.`; empty when it states none."""
    lo, hi = schema.get("minimum"), schema.get("maximum")
    short, long = schema.get("minLength"), schema.get("maxLength")
    parts = []
    if short is not None and long is not None:
        parts.append(f"{short} to {long} characters")
    elif long is not None:
        parts.append(f"at most {long} characters")
    elif short is not None:
        parts.append(f"at least {short} character{'s' if short != 1 else ''}")
    if lo is not None and hi is not None:
        parts.append(f"from {number(lo)} to {number(hi)}")
    elif lo is not None:
        parts.append(f"at least {number(lo)}")
    elif hi is not None:
        parts.append(f"at most {number(hi)}")
    few, many = schema.get("minItems"), schema.get("maxItems")
    if few is not None and many is not None:
        parts.append(f"{few} to {many} items")
    elif many is not None:
        parts.append(f"at most {many} items")
    elif few is not None:
        parts.append(f"at least {few} item{'s' if few != 1 else ''}")
    if not parts:
        return ""
    text = "; ".join(parts)
    return f" {text[:1].upper()}{text[1:]}."


def number(value) -> str:
    """`1.0` -> `1`, `0.5` -> `0.5`."""
    return str(int(value)) if float(value).is_integer() else str(value)


def query_doc(param: dict) -> str:
    text = CONFIG.query_docs.get(param["name"], f"{humanize(param['name'])}.")
    limits = []
    if param.get("min") is not None and param.get("max") is not None:
        limits.append(f"{param['min']} to {param['max']}")
    elif param.get("min") is not None:
        limits.append(f"at least {param['min']}")
    elif param.get("max") is not None:
        limits.append(f"at most {param['max']}")
    short, long = param.get("minLength"), param.get("maxLength")
    if short is not None and long is not None:
        limits.append(f"{short} to {long} characters")
    elif short is not None:
        limits.append(f"at least {short} character{'s' if short != 1 else ''}")
    elif long is not None:
        limits.append(f"at most {long} characters")
    if param.get("default") is not None:
        limits.append(f"defaults to {json_literal(param['default'])}")
    if param.get("required"):
        limits.insert(0, "required")
    if limits:
        text = text.rstrip(".") + " (" + "; ".join(limits) + ")."
    return text


