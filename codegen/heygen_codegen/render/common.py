"""Rendering `api/common/mod.rs`: the module of the models shared by several groups."""

from __future__ import annotations

from ..paths import GENERATED_NOTE
from ..text import doc_lines
from .group import module_declarations

COMMON_DOC = (
    "Models shared by several API groups: media inputs, batches, job statuses, delete confirmations and the "
    "enums more than one group uses."
)


def render_common(model_files: list[str]) -> str:
    # The note stays on one line, as in the other generated files' headers.
    lines = doc_lines(COMMON_DOC, prefix="//!") + ["//!", f"//! {GENERATED_NOTE}"]
    lines.append("")
    lines += module_declarations("common", model_files)
    return "\n".join(lines) + "\n"
