"""Rendering `tests/tests/conformance/query_wire.rs`: one case per operation taking a `#[query(flatten)]`
struct, calling it with every field of the struct set, so the conformance test can compare the query
parameter names actually sent with the operation's parameters in `spec/openapi.json`. The recorder and the
comparison are hand-written, in `tests/tests/conformance/query_wire/check.rs`; the cases of the groups
declared by hand are in `query_wire/handwritten.rs`."""

from __future__ import annotations

from ..model import Field, Models, StringEnum, Struct
from ..paths import GENERATED_NOTE
from ..plan import Operation
from ..text import variant_name

QUERY_WIRE_DOC = f"""\
//! What every `#[query(flatten)]` struct puts on the wire, against `spec/openapi.json`.
//!
//! Each case builds the operation's query struct with every field set (the required ones through
//! `new`, every optional one through its setter), calls the operation through a real `Client`
//! against a loopback recorder and collects the names of the query parameters the request carried.
//! `check::run` compares them with the operation's query parameters in `spec/openapi.json`, matched
//! by method and path: the names sent must be exactly the spec's, so a `#[serde(rename)]` mistake, a
//! field the struct lacks or one it adds fails here even when `QueryParams::NAMES` is right.
//!
//! The cases of the groups declared by hand are in `query_wire/handwritten.rs`; `check::run` fails
//! when a declared endpoint with a `#[query(flatten)]` struct has no case.
//!
//! {GENERATED_NOTE}

mod check;
mod handwritten;

use heygen_api::prelude::*;

use check::{{CallFuture, QueryCase}};
"""

# The value a path parameter is filled with; `check.rs` expects the recorded path built the same way.
PATH_VALUE = "example-{}"


def param_value(param: dict, field: Field, models: Models) -> str:
    """A Rust expression of a valid value for a query parameter, within its `min`/`max`."""
    ty = field.ty
    if ty.kind == "named":
        enum = models.types[ty.name]
        if not isinstance(enum, StringEnum):
            raise SystemExit(f"query parameter {param['name']}: {ty.name} is not a string enum")
        return f"heygen_api::{enum.home}::{enum.name}::{variant_name(enum.values[0])}"
    lo, hi = param.get("min"), param.get("max")
    if ty.kind == "u32":
        value = 3
        if lo is not None:
            value = max(value, int(lo))
        if hi is not None:
            value = min(value, int(hi))
        return str(value)
    if ty.kind == "f64":
        value = (float(lo) + float(hi)) / 2 if lo is not None and hi is not None else 2.5
        return repr(value) if "." in repr(value) else f"{value:.1f}"
    if ty.kind == "bool":
        return "true"
    if ty.kind == "String":
        return f'"example-{param["name"]}"'
    raise SystemExit(f"query parameter {param['name']}: no example value for {ty.render()}")


def query_expression(operation: Operation, models: Models) -> str:
    """`Query::new(required...).optional(value)...`: the struct with every field set."""
    struct = models.types[operation.query.name]
    assert isinstance(struct, Struct)
    params = {p["name"]: p for p in operation.op["query_params"]}
    wires = [f.wire for f in struct.fields]
    if sorted(wires) != sorted(params):
        raise SystemExit(
            f"{operation.op['operation']}: the query struct's fields {wires} are not the catalog's {sorted(params)}"
        )
    required = sorted((f for f in struct.fields if not f.optional), key=lambda f: struct.required_order.index(f.wire))
    args = ", ".join(param_value(params[f.wire], f, models) for f in required)
    expr = f"heygen_api::{struct.home}::{struct.name}::new({args})"
    for f in struct.fields:
        if f.optional:
            expr += f".{f.ident}({param_value(params[f.wire], f, models)})"
    return expr


def call_arguments(operation: Operation, models: Models) -> list[str]:
    args = []
    for arg in operation.args:
        if arg.attr == "":
            args.append(f'"{PATH_VALUE.format(arg.ident)}"')
        elif arg.attr == "#[query(flatten)]":
            args.append(f"&{query_expression(operation, models)}")
        else:
            # Not produced by the generator today: a case would have to fill this argument too.
            raise SystemExit(f"{operation.op['operation']}: no query wire case for an argument {arg.attr}")
    return args


def render_case(operation: Operation, models: Models) -> list[str]:
    op = operation.op
    call = f"client.{operation.name}({', '.join(call_arguments(operation, models))}).await.err()"
    return [
        "        QueryCase {",
        f'            operation: "{op["operation"]}",',
        f'            declared: "{operation.name}",',
        f'            method: "{op["method"]}",',
        f'            path: "{op["path"]}",',
        f"            run: |client: Client| -> CallFuture {{ Box::pin(async move {{ {call} }}) }},",
        "        },",
    ]


def render_query_wire(operations: list[Operation], models: Models) -> str:
    """The generated cases (one per operation with a query struct, in catalog order) and the test."""
    lines = QUERY_WIRE_DOC.rstrip("\n").split("\n")
    with_query = [o for o in operations if o.query is not None]
    lines += [
        "",
        f"/// The {len(with_query)} generated operations that take a `#[query(flatten)]` struct, each called with",
        "/// every field of its struct set.",
        "pub fn generated_cases() -> Vec<QueryCase> {",
        "    vec![",
    ]
    for operation in with_query:
        lines += render_case(operation, models)
    lines += [
        "    ]",
        "}",
        "",
        "#[tokio::test]",
        "async fn every_flattened_query_sends_exactly_the_spec_parameters() {",
        "    let mut cases = generated_cases();",
        "    cases.extend(handwritten::cases());",
        "    check::run(&cases).await;",
        "}",
    ]
    return "\n".join(lines) + "\n"
