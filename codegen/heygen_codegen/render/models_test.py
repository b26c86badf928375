"""Rendering `tests/tests/models/main.rs`: one test per operation decoding its fixtures into its declared
types. The checks themselves are hand-written, in `tests/tests/models/harness.rs`."""

from __future__ import annotations

from ..model import Models, Ty
from ..paths import GENERATED_NOTE
from ..plan import Operation

MODELS_TEST_DOC = f"""\
//! Every operation's declared types against examples built from its schemas.
//!
//! `tests/fixtures/examples/<operation>.json` holds a maximal (every field set) and a minimal (only the
//! required fields, nullable ones `null`) example of the response body and, where there is one, of the
//! request body. Each test decodes them into the types the operation is declared with, encodes them
//! again and expects the example back (minus the `null`s, which an unset field does not send), so a
//! misnamed, mistyped or missing field fails here. For a server-sent-events operation the example is
//! one event's `data`.
//!
//! {GENERATED_NOTE}

mod builders;
mod harness;

use harness::{{batch_page, data, event, page, request}};
"""

def qualified(ty: Ty, models: Models) -> str:
    if ty.kind == "named":
        return f"heygen_api::{models.types[ty.name].home}::{ty.name}"
    if ty.kind == "vec":
        return f"Vec<{qualified(ty.inner, models)}>"
    return ty.render()


def render_models_test(operations: list[Operation], models: Models) -> str:
    lines = MODELS_TEST_DOC.rstrip("\n").split("\n")
    for operation in operations:
        calls = []
        if operation.kind == "page":
            calls.append(f'page::<{qualified(operation.data, models)}>("{operation.op["operation"]}");')
        elif operation.kind == "batch_page":
            calls.append(f'batch_page("{operation.op["operation"]}");')
        elif operation.kind == "events":
            calls.append(f'event::<{qualified(operation.data, models)}>("{operation.op["operation"]}");')
        elif operation.kind == "untyped":
            calls.append(f'data::<{operation.returns}>("{operation.op["operation"]}");')
        else:
            calls.append(f'data::<{qualified(operation.data, models)}>("{operation.op["operation"]}");')
        if operation.request is not None:
            calls.append(f'request::<{qualified(operation.request, models)}>("{operation.op["operation"]}");')
        lines += ["", "#[test]", f"fn {operation.name}() {{"] + [f"    {c}" for c in calls] + ["}"]
    return "\n".join(lines) + "\n"
