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


def render_struct(struct: Struct, models: Models) -> list[str]:
    derives = ["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"]
    if all(f.optional for f in struct.fields):
        derives.append("Default")
    lines = doc_lines(struct.doc)
    lines.append(f"#[derive({', '.join(derives)})]")
    lines.append("#[non_exhaustive]")
    if not struct.fields:
        lines.append(f"pub struct {struct.name} {{}}")
    else:
        lines.append(f"pub struct {struct.name} {{")
        for f in struct.fields:
            lines += render_field(f, "    ")
        lines.append("}")
    if struct.request and struct.builder:
        lines.append("")
        lines += render_builder(struct, models)
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
