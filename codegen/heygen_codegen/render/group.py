"""Rendering a group's `mod.rs`: its docs with a runnable example, the `#[api]` trait with one method per
operation (which `#[api]` implements for every client), and the declarations of its model and hand-written files."""

from __future__ import annotations

from ..config import CONFIG, Group
from ..model import Models, Struct, TypeDef
from ..paths import GENERATED_NOTE
from ..plan import Operation
from ..text import clean_doc, doc_lines, sentence, snake
from .imports import imports_for, use_lines

def render_method(operation: Operation) -> list[str]:
    op = operation.op
    doc = sentence(op["summary"].strip())
    description = clean_doc(op["description"])
    if description:
        doc += "\n\n" + description
    if operation.kind in ("page", "batch_page"):
        doc += (
            f"\n\nReturns one page; `{operation.name}_stream` walks every page lazily."
        )
    if operation.kind == "events":
        doc += events_doc(operation)
    if operation.kind == "untyped":
        doc += (
            "\n\nThe spec publishes no schema for this answer: the `data` HeyGen sends, if any, is returned "
            "as JSON (`None` when the answer has no `data`)."
        )
    if operation.idempotent:
        doc += (
            "\n\nSends `key` as the `Idempotency-Key` (a fresh UUID when `None`, the same on every retry), "
            "so a retried call never performs the operation twice."
        )
    doc += notes_doc(op)
    flags = [f"{op['method']} \"{operation.template}\""]
    if operation.idempotent:
        flags.append("idempotent")
    if operation.end_event is not None:
        flags.append(f'end_event = "{operation.end_event}"')
    if operation.kind in ("page", "batch_page"):
        flags.append("paginated")
    args = ", ".join(["&self"] + [f"{a.attr + ' ' if a.attr else ''}{a.ident}: {a.ty}" for a in operation.args])
    lines = doc_lines(doc, "    ")
    lines.append(f"    #[endpoint({', '.join(flags)})]")
    lines.append(f"    async fn {operation.name}({args}) -> Result<{operation.returns}>;")
    return lines



def events_doc(operation: Operation) -> str:
    """What a server-sent-events operation's stream yields and how it ends, from the facts' `sse`."""
    sse = operation.op.get("sse") or {}
    item = operation.data.render()
    text = (
        f"\n\nAnswers server-sent events (`text/event-stream`): each event's `data` is decoded as a "
        f"[`{item}`]; comments and keep-alives are skipped."
    )
    if operation.end_event is not None:
        text += (
            f" The stream ends after the `{operation.end_event}` event, which is not yielded; a body that "
            f"ends before it is an error."
        )
    note = (sse.get("data_event") or {}).get("note")
    if note:
        text += f" {fact_sentence(note)}"
    return text


def fact_sentence(note: str) -> str:
    """A note of the facts as a sentence; a note marked `(inferred)` as a whole says so first."""
    note = clean_doc(note)
    if note.startswith("(inferred) "):
        note = "Inferred, not documented: " + note[len("(inferred) "):]
    return sentence(note[:1].upper() + note[1:])


# Notes of the extra operations' facts (`source`) a caller needs, with their (inferred) marks kept.
SOURCE_NOTES = ("contradiction", "constraint_not_in_spec", "constraint_not_in_schema")


def notes_doc(op: dict) -> str:
    """A paragraph of the facts' notes on an operation: contradictions between HeyGen's sources and
    constraints their schema does not carry."""
    source = op.get("source") or {}
    notes = [source[key] for key in SOURCE_NOTES if source.get(key)]
    poll = op.get("cli_poll") or {}
    if poll.get("inferred") and poll.get("note"):
        notes.append(poll["note"])
    if not notes:
        return ""
    items = "\n".join(f"- {fact_sentence(n)}" for n in notes)
    return f"\n\nFrom HeyGen's documentation:\n\n{items}"


def example_call(operation: Operation, models: Models) -> tuple[list[str], list[str]]:
    """The names to import and the statements of a module's doc example calling `operation`."""
    uses = []
    args = []
    for arg in operation.args:
        if arg.attr == "":
            args.append(f'"{arg.ident.upper()}"')
        elif arg.attr == "#[query(flatten)]":
            query = models.types[operation.query.name]
            required = [f for f in query.fields if not f.optional]
            if any(f.ty.kind != "String" for f in required):
                raise SystemExit(f"{operation.op['operation']} cannot be a module example: pick another")
            values = ", ".join(f'"{CONFIG.example_query_values.get(f.wire, f.wire)}"' for f in required)
            uses.append(query.name)
            args.append(f"&{query.name}::new({values})")
        elif arg.attr == "#[query]":
            args.append("None")
        else:
            raise SystemExit(f"{operation.op['operation']} cannot be a module example: it takes a body")
    call = f"client.{operation.name}({', '.join(args)}).await?"
    if operation.kind == "page":
        item = snake(operation.data.name)
        return uses, [
            f"let page = {call};",
            f"for {item} in &page.data {{",
            f"    {example_print(models.types[operation.data.name], item)}",
            "}",
        ]
    if operation.kind == "data" and operation.data.kind == "named":
        var = snake(operation.data.name)
        return uses, [f"let {var} = {call};", example_print(models.types[operation.data.name], var)]
    return uses, [f"let result = {call};", 'println!("{result:?}");']


def example_print(typedef: TypeDef, var: str) -> str:
    """Prints the most telling field of a value: its status, else its name, else all of it."""
    fields = {f.wire: f for f in typedef.fields} if isinstance(typedef, Struct) else {}
    for wire in ("status", "name", "username"):
        if wire in fields and not fields[wire].optional:
            return f'println!("{{}}", {var}.{fields[wire].ident});'
    return f'println!("{{{var}:?}}");'


def render_module_doc(group: Group, operations: list[Operation], models: Models) -> list[str]:
    example = next(o for o in operations if o.op["operation"] == group.example_op)
    uses, statements = example_call(example, models)
    imports = ", ".join([f"{group.trait_name} as _"] + uses)
    lines = [
        f"{group.title}: {group.summary}.",
        "",
        f"Every operation is a method of the [`{group.trait_name}`] trait, implemented for "
        "[`Client`](crate::Client): bring the trait into scope and call it on a client.",
        "",
        "```no_run",
        f"use heygen_api::{group.module}::{{{imports}}};" if uses else f"use heygen_api::{group.module}::{imports};",
        "",
        "# async fn example(client: &heygen_api::Client) -> heygen_api::Result<()> {",
        *statements,
        "# Ok(())",
        "# }",
        "```",
        "",
        GENERATED_NOTE,
    ]
    return doc_lines("\n".join(lines), prefix="//!")



def module_declarations(module: str, model_files: list[str]) -> list[str]:
    """`mod` and `pub use` lines for a module's model files and its hand-written files."""
    lines = [f"mod {file};" for file in model_files]
    handwritten = CONFIG.handwritten.get(module, [])
    lines += [f"mod {h.file};" for h in handwritten]
    lines.append("")
    lines += [f"pub use {file}::*;" for file in model_files]
    for h in handwritten:
        if h.exports:
            names = ", ".join(h.exports)
            lines.append(f"pub use {h.file}::{{{names}}};" if len(h.exports) > 1 else f"pub use {h.file}::{names};")
    return lines


def render_group(group: Group, operations: list[Operation], model_files: list[str], models: Models) -> str:
    """The `mod.rs` of a group whose models are in `model_files`."""
    signature_types: set[str] = set()
    for operation in operations:
        for ty in (operation.data, operation.request, operation.query):
            signature_types.update(ty.named() if ty is not None else [])
    kinds = {o.kind for o in operations}
    if "batch_page" in kinds:
        signature_types.discard("Batch")  # the signature names the page wrapper, not the batch

    crate_items = {"Result", "api", "endpoint"}
    if any(o.idempotent for o in operations):
        crate_items.add("IdempotencyKey")
    if "page" in kinds:
        crate_items.add("Page")
    if "events" in kinds:
        crate_items.add("EventStream")
    if any(o.op["body_encoding"] == "multipart" for o in operations):
        crate_items.add("Multipart")
    foreign = imports_for(group.module, [], models, signature_types)
    if "batch_page" in kinds:
        foreign.setdefault("common", set()).add("BatchPage")
    uses = use_lines(foreign)
    uses.append(f"use crate::{{{', '.join(sorted(crate_items))}}};")

    lines = render_module_doc(group, operations, models)
    lines.append("")
    lines += module_declarations(group.module, model_files)
    lines.append("")
    lines += sorted(uses)
    lines.append("")
    lines += doc_lines(
        f"Operations to {group.summary}.\n\n"
        "Implemented for [`Client`](crate::Client) (and any [`AsClient`](crate::AsClient)), where "
        "each method sends one request; implement it for a fake of your own in tests."
    )
    lines.append("#[api]")
    lines.append(f"pub trait {group.trait_name} {{")
    for i, operation in enumerate(operations):
        if i:
            lines.append("")
        lines += render_method(operation)
    lines.append("}")
    return "\n".join(lines) + "\n"
