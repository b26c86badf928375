"""Rendering the generic struct of request types sharing their fields, and the aliases that keep their names."""

from __future__ import annotations

from ..model import Models
from ..shared import Alias, Shared
from ..text import doc_lines, first_sentence
from .items import limit_checks, render_field, setter_param


def render_shared(shared: Shared, models: Models) -> list[str]:
    p = shared.param
    checks = limit_checks(shared, models)
    lines = doc_lines(shared.doc)
    lines += [
        "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]",
        *(['#[serde(remote = "Self")]'] if checks else []),
        "#[non_exhaustive]",
        f"pub struct {shared.name}<{p}> {{",
        *doc_lines(shared.subject_doc, "    "),
        "    #[serde(flatten)]",
        f"    pub {shared.subject_field}: {p},",
    ]
    for f in shared.fields:
        lines += render_field(f, "    ")
    lines += [
        "}",
        "",
        f"impl<{p}> {shared.name}<{p}> {{",
        f"    /// Creates the value from its {shared.subject_field}; the other fields start unset.",
        f"    pub(crate) fn with_{shared.subject_field}({shared.subject_field}: {p}) -> Self {{",
        "        Self {",
        f"            {shared.subject_field},",
        *[f"            {f.ident}: None," for f in shared.fields],
        "        }",
        "    }",
    ]
    for f in shared.fields:
        param, expr = setter_param(f, models)
        lines += [
            "",
            f"    /// Sets `{f.wire}`. {first_sentence(f.doc)}",
            f"    pub fn {f.ident}(mut self, {f.ident}: {param}) -> Self {{",
            f"        self.{f.ident} = Some({expr});",
            "        self",
            "    }",
        ]
    lines.append("}")
    if checks:
        lines += render_generic_limits(shared, checks)
    return lines


def render_generic_limits(shared: Shared, checks: list[str]) -> list[str]:
    """As `items.render_limits`, for the generic struct (its subject reports itself)."""
    p, name = shared.param, shared.name
    return [
        "",
        f"impl<{p}: Serialize> Serialize for {name}<{p}> {{",
        "    fn serialize<S: serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {",
        "        limits::report(self);",
        f"        {name}::<{p}>::serialize(self, serializer)",
        "    }",
        "}",
        "",
        f"impl<'de, {p}: Deserialize<'de>> Deserialize<'de> for {name}<{p}> {{",
        "    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {",
        f"        {name}::<{p}>::deserialize(deserializer)",
        "    }",
        "}",
        "",
        f"impl<{p}> limits::Limits for {name}<{p}> {{",
        "    fn check(&self, out: &mut Vec<limits::LimitViolation>) {",
        *checks,
        "    }",
        "}",
    ]


def render_alias(alias: Alias, models: Models) -> list[str]:
    subject = models.types[alias.subject]
    field = alias.subject_field
    required = sorted((f for f in subject.fields if not f.optional), key=lambda f: alias.required_order.index(f.wire))
    lines = doc_lines(alias.doc)
    lines += [f"pub type {alias.name} = {alias.shared}<{alias.subject}>;", "", f"impl {alias.name} {{"]
    params = ", ".join(f"{f.ident}: {setter_param(f, models)[0]}" for f in required)
    lines += [
        "    /// Creates the value from its required fields; the optional ones start unset.",
        f"    pub fn new({params}) -> Self {{",
        f"        Self::with_{field}({alias.subject} {{",
    ]
    for f in subject.fields:
        if f.optional:
            lines.append(f"            {f.ident}: None,")
        else:
            expr = setter_param(f, models)[1]
            lines.append(f"            {f.ident}{'' if expr == f.ident else ': ' + expr},")
    lines += ["        })", "    }"]
    for f in subject.fields:
        if not f.optional:
            continue
        param, expr = setter_param(f, models)
        lines += [
            "",
            f"    /// Sets `{f.wire}`. {first_sentence(f.doc)}",
            f"    pub fn {f.ident}(mut self, {f.ident}: {param}) -> Self {{",
            f"        self.{field}.{f.ident} = Some({expr});",
            "        self",
            "    }",
        ]
    lines.append("}")
    return lines
