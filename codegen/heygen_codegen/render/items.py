"""Rendering the Rust model: structs with their builders, string enums and tagged unions."""

from __future__ import annotations

from ..config import CONFIG
from ..model import AnyOf, Field, Models, StringEnum, Struct, TypeDef, Union
from ..text import doc_lines, first_sentence, json_literal, sentence, variant_name

def default_note(f: Field) -> str:
    if f.default is None or "default" in f.doc.lower():
        return ""
    return f" Defaults to {json_literal(f.default)}."


def render_field(f: Field, indent: str, public: bool = True) -> list[str]:
    doc = sentence(f.doc) + default_note(f)
    if f.ty.is_free_form():
        described = CONFIG.described_maps.get(f.wire)
        if described is not None:
            doc += f" The spec does not type the values, so they are kept as JSON: {described.accessor}"
        else:
            doc += " The catalog does not describe its content, so it is kept as JSON."
    if f.deprecated:
        doc += f" Deprecated: {sentence(f.deprecated)}"
    lines = doc_lines(doc, indent)
    if f.deprecated:
        lines.append(f"{indent}#[deprecated(note = {rust_str(f.deprecated)})]")
    if f.optional:
        lines.append(f'{indent}#[serde(default, skip_serializing_if = "Option::is_none")]')
    lines.append(f"{indent}{'pub ' if public else ''}{f.ident}: {f.rust_type()},")
    return lines


def rust_str(text: str) -> str:
    """A Rust string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def setter_param(f: Field, models: Models) -> tuple[str, str]:
    """The parameter type of a constructor argument or setter, and the expression storing it."""
    ty = f.ty
    if ty.kind == "String":
        return "impl Into<String>", f"{f.ident}.into()"
    if ty.kind == "named" and isinstance(models.types[ty.name], (StringEnum, Union, AnyOf)):
        return f"impl Into<{ty.name}>", f"{f.ident}.into()"
    if ty.kind == "vec" and ty.inner.kind == "String":
        return "impl IntoIterator<Item = impl Into<String>>", f"{f.ident}.into_iter().map(Into::into).collect()"
    return ty.render(), f.ident


def render_builder(struct: Struct, models: Models) -> list[str]:
    # Constructor arguments in the order the schema lists them as required.
    required = sorted((f for f in struct.fields if not f.optional), key=lambda f: struct.required_order.index(f.wire))
    optional = [f for f in struct.fields if f.optional]
    # The constructor and the setters write every field, the deprecated ones too.
    lines = ["#[allow(deprecated)]"] if any(f.deprecated for f in struct.fields) else []
    lines.append(f"impl {struct.name} {{")
    if required:
        params = ", ".join(f"{f.ident}: {setter_param(f, models)[0]}" for f in required)
        lines += [
            "    /// Creates the value from its required fields; the optional ones start unset.",
            f"    pub fn new({params}) -> Self {{",
            "        Self {",
        ]
        for f in struct.fields:
            if f.optional:
                lines.append(f"            {f.ident}: None,")
            else:
                expr = setter_param(f, models)[1]
                lines.append(f"            {f.ident}{'' if expr == f.ident else ': ' + expr},")
        lines += ["        }", "    }"]
    else:
        lines += [
            "    /// Creates the value with every field unset.",
            "    pub fn new() -> Self {",
            "        Self::default()",
            "    }",
        ]
    for f in optional:
        param, expr = setter_param(f, models)
        lines += [
            "",
            f"    /// Sets `{f.wire}`. {first_sentence(f.doc)}",
            *([f"    #[deprecated(note = {rust_str(f.deprecated)})]"] if f.deprecated else []),
            f"    pub fn {f.ident}(mut self, {f.ident}: {param}) -> Self {{",
            f"        self.{f.ident} = Some({expr});",
            "        self",
            "    }",
        ]
    lines.append("}")
    return lines


def limit_checks(struct: Struct, models: Models) -> list[str]:
    """The `Limits::check` lines of a request struct's own fields (empty: it has no limits)."""
    lines = []
    for f in struct.fields:
        if not (f.limits or f.removed):
            continue
        name = f'"{struct.name}.{f.wire}"'
        value = f"self.{f.ident}"
        kind = f.ty.kind
        lo_len, hi_len = f.limits.get("minLength"), f.limits.get("maxLength")
        lo, hi = f.limits.get("minimum"), f.limits.get("maximum")
        few, many = f.limits.get("minItems"), f.limits.get("maxItems")
        opt = lambda v: "None" if v is None else f"Some({v})"  # noqa: E731
        num = lambda v: "None" if v is None else f"Some({float(v)!r})"  # noqa: E731
        if lo_len is not None or hi_len is not None:
            if kind != "String":
                raise SystemExit(f"{struct.name}.{f.wire}: a length limit on a {f.ty.render()}")
            arg = f"{value}.as_deref()" if f.optional else f"Some({value}.as_str())"
            lines.append(f"        limits::length({name}, {arg}, {opt(lo_len)}, {opt(hi_len)}, out);")
        if lo is not None or hi is not None:
            if kind not in ("i64", "f64", "u32"):
                raise SystemExit(f"{struct.name}.{f.wire}: a range on a {f.ty.render()}")
            cast = "" if kind == "f64" else " as f64"
            if f.optional:
                arg = f"{value}.map(|v| v{cast})" if cast else value
            else:
                arg = f"Some({value}{cast})"
            lines.append(f"        limits::range({name}, {arg}, {num(lo)}, {num(hi)}, out);")
        if few is not None or many is not None:
            if kind != "vec":
                raise SystemExit(f"{struct.name}.{f.wire}: an item count on a {f.ty.render()}")
            arg = f"{value}.as_ref().map(Vec::len)" if f.optional else f"Some({value}.len())"
            lines.append(f"        limits::items({name}, {arg}, {opt(few)}, {opt(many)}, out);")
        if f.removed:
            if kind != "named" or not isinstance(models.types[f.ty.name], StringEnum):
                raise SystemExit(f"{struct.name}.{f.wire}: removed values on a {f.ty.render()}")
            arg = f"{value}.as_ref().map({f.ty.name}::as_str)" if f.optional else f"Some({value}.as_str())"
            values = ", ".join(f'"{v}"' for v in f.removed)
            lines.append(f"        limits::not_removed({name}, {arg}, &[{values}], out);")
    hook = CONFIG.limit_hooks.get(struct.name)
    if hook is not None:
        lines.append(f"        self.{hook}(out);")
    return lines


def render_limits(struct: Struct, checks: list[str]) -> list[str]:
    """`Serialize` through `limits::report`, and the `Limits` of the fields' documented limits.

    The derives are generated as `Self`'s remote (inherent `serialize`/`deserialize` functions),
    which these impls call."""
    name = struct.name
    return [
        "",
        f"impl Serialize for {name} {{",
        "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {",
        "        limits::report(self);",
        f"        {name}::serialize(self, serializer)",
        "    }",
        "}",
        "",
        f"impl<'de> Deserialize<'de> for {name} {{",
        "    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {",
        f"        {name}::deserialize(deserializer)",
        "    }",
        "}",
        "",
        f"impl limits::Limits for {name} {{",
        "    fn check(&self, out: &mut Vec<limits::LimitViolation>) {",
        *checks,
        "    }",
        "}",
    ]


def render_struct(struct: Struct, models: Models) -> list[str]:
    derives = ["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"]
    if all(f.optional for f in struct.fields):
        derives.append("Default")
    checks = limit_checks(struct, models) if struct.request else []
    lines = doc_lines(struct.doc)
    lines.append(f"#[derive({', '.join(derives)})]")
    if checks:
        # Serialized through `limits::report` (below), so that HeyGen's limits are checked.
        lines.append('#[serde(remote = "Self")]')
    lines.append("#[non_exhaustive]")
    if not struct.fields:
        lines.append(f"pub struct {struct.name} {{}}")
    else:
        lines.append(f"pub struct {struct.name} {{")
        for f in struct.fields:
            lines += render_field(f, "    ")
        lines.append("}")
    # Every struct, answers too: a test builds a `Video` as it builds a request, without JSON.
    if struct.builder:
        lines.append("")
        lines += render_builder(struct, models)
    if checks:
        lines += render_limits(struct, checks)
    if struct.query:
        names = ", ".join(f'"{f.wire}"' for f in struct.fields)
        lines += [
            "",
            f"impl QueryParams for {struct.name} {{",
            f"    const NAMES: &'static [&'static str] = &[{names}];",
            "}",
        ]
    return lines


def render_enum(enum: StringEnum) -> list[str]:
    lines = ["crate::string_enum! {"]
    lines += doc_lines(enum.doc, "    ")
    lines.append(f"    pub enum {enum.name} {{")
    for value in enum.values:
        lines.append(f"        /// `{value}`")
        lines.append(f'        {variant_name(value)} = "{value}",')
    lines += ["    }", "}"]
    return lines


def render_union(union: Union) -> list[str]:
    lines = doc_lines(union.doc)
    lines.append("#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]")
    lines.append(f'#[serde(tag = "{union.tag}")]')
    lines.append("#[non_exhaustive]")
    lines.append(f"pub enum {union.name} {{")
    for v in union.variants:
        lines += doc_lines(sentence(v.doc), "    ")
        lines.append(f'    #[serde(rename = "{v.tag}")]')
        if v.payload is not None:
            lines.append(f"    {v.name}({v.payload.render()}),")
        elif v.fields:
            lines.append(f"    {v.name} {{")
            for f in v.fields:
                lines += render_field(f, "        ", public=False)
            lines.append("    },")
        else:
            lines.append(f"    {v.name},")
    lines.append("}")
    for v in union.variants:
        if v.payload is not None:
            payload = v.payload.render()
            lines += [
                "",
                f"impl From<{payload}> for {union.name} {{",
                f"    fn from(value: {payload}) -> Self {{",
                f"        {union.name}::{v.name}(value)",
                "    }",
                "}",
            ]
    return lines


def render_any_of(union: AnyOf) -> list[str]:
    """An `anyOf`: an enum encoded as its branch's payload, decoded by reading the tag property first."""
    lines = doc_lines(union.doc)
    lines.append("#[derive(Debug, Clone, PartialEq, Serialize)]")
    lines.append("#[serde(untagged)]")
    lines.append("#[non_exhaustive]")
    lines.append(f"pub enum {union.name} {{")
    for v in union.variants:
        if v.tag is not None:
            doc = f"`{union.tag}` is `{v.tag}`."
        elif v.marker is not None:
            doc = f"Any other `{union.tag}`, with `{v.marker}`."
        else:
            doc = f"Any other `{union.tag}`: a kind this crate does not describe (skip it rather than fail)."
        lines += doc_lines(doc, "    ")
        lines.append(f"    {v.name}({v.payload.render()}),")
    lines.append("}")
    tagged = [v for v in union.variants if v.tag is not None]
    marked = [v for v in union.variants if v.tag is None and v.marker is not None]
    fallback = [v for v in union.variants if v.tag is None and v.marker is None]
    arms = [f'            Some("{v.tag}") => serde_json::from_value(value).map(Self::{v.name}),' for v in tagged]
    # A value without the tag is the first branch whose tag is optional and whose schema it matches.
    for v in tagged:
        if v.untagged_required is None:
            continue
        required = ", ".join(f'"{k}"' for k in v.untagged_required)
        allowed = "None" if v.untagged_allowed is None else "Some(&[" + ", ".join(f'"{k}"' for k in v.untagged_allowed) + "])"
        arms.append(
            f"            None if crate::runtime::any_of::matches_branch(&value, &[{required}], {allowed}) => "
            f"serde_json::from_value(value).map(Self::{v.name}),"
        )
    arms += [
        f'            _ if value.get("{v.marker}").is_some() => serde_json::from_value(value).map(Self::{v.name}),'
        for v in marked
    ]
    if fallback:
        arms.append(f"            _ => serde_json::from_value(value).map(Self::{fallback[0].name}),")
    else:
        known = ", ".join(f'"{v.tag}"' for v in tagged)
        arms += [
            f"            Some(other) => return Err(serde::de::Error::unknown_variant(other, &[{known}])),",
            f'            None => return Err(serde::de::Error::missing_field("{union.tag}")),',
        ]
    lines += [
        "",
        f"impl<'de> Deserialize<'de> for {union.name} {{",
        "    fn deserialize<D: serde::Deserializer<'de>>(",
        "        deserializer: D,",
        "    ) -> ::core::result::Result<Self, D::Error> {",
        "        let value = serde_json::Value::deserialize(deserializer)?;",
        f'        let decoded = match value.get("{union.tag}").and_then(serde_json::Value::as_str) {{',
        *arms,
        "        };",
        "        decoded.map_err(serde::de::Error::custom)",
        "    }",
        "}",
    ]
    return lines
