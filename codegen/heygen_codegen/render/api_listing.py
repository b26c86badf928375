"""Rendering `api/mod.rs`: one `pub mod` per group (generated or hand-written), and the `GROUPS` listing
every group's endpoints under HeyGen's group names."""

from __future__ import annotations

from ..config import Group
from ..paths import GENERATED_NOTE
from ..text import doc_lines

API_DOC = "HeyGen's API, one module per group of operations, each with its trait beside its models."

# Modules of `api/` that are not groups: written by hand (`catalog`) or shared by the groups (`common`).
OTHER_MODULES = ["catalog", "common"]


def render_api_listing(groups: dict[str, Group]) -> str:
    # The note stays on one line, as in the other generated files' headers.
    lines = doc_lines(API_DOC, prefix="//!") + ["//!", f"//! {GENERATED_NOTE}"]
    lines.append("")
    modules = sorted({g.module for g in groups.values()} | set(OTHER_MODULES))
    lines += [f"pub mod {module};" for module in modules]
    lines += [
        "",
        "use crate::Client;",
        "use catalog::{ApiGroup, group};",
        "",
        "/// Every API group of the crate, in the order of HeyGen's catalog.",
        "pub(crate) static GROUPS: &[ApiGroup] = &[",
    ]
    for key, g in groups.items():
        lines.append(f'    group("{key}", <Client as {g.module}::{g.trait_name}>::ENDPOINTS),')
    lines.append("];")
    return "\n".join(lines) + "\n"
