"""Operations as they are declared (method name, arguments, returned type), and where each type lives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import CONFIG, Group
from .model import Models, Struct, Ty, TypeDef
from .schema import is_batch_page, shape_key
from .text import clean_doc, ident, pascal, plural, singular

VERBS = {"list", "create", "get", "delete", "update", "search", "send", "stop", "generate"}


def method_name(op: dict) -> str:
    """`video_translate_get` -> `get_video_translation`, `video_list` -> `list_videos`."""
    if CONFIG.method_names.get(op["operation"]):
        return CONFIG.method_names.get(op["operation"])
    words = op["operation"].split("_")
    verb, noun = words[-1], ["translation" if w == "translate" else w for w in words[:-1]]
    if verb not in VERBS:
        raise SystemExit(f"cannot derive a method name for {op['operation']}: add it to METHOD_NAMES")
    noun = [singular(w) for w in noun]
    if verb in ("list", "search"):
        noun[-1] = plural(noun[-1])
    return f"{verb}_{'_'.join(noun)}"


@dataclass
class Arg:
    """One argument of a declared method: its role attribute (empty for a path parameter), name and type."""

    attr: str
    ident: str
    ty: str


@dataclass
class Operation:
    """A catalog operation as it is declared: method name, arguments, and the types it sends and returns."""

    op: dict
    group: Group
    name: str
    args: list[Arg]
    returns: str  # the `T` of `Result<T>`
    kind: str  # data | page | batch_page | untyped | events
    data: Ty | None
    request: Ty | None
    query: Ty | None
    idempotent: bool
    end_event: str | None = None  # events: the name of the event that ends the stream

    @property
    def template(self) -> str:
        return re.sub(r"\{([^}]+)\}", r"<\1>", self.op["path"])


def plan_operation(models: Models, op: dict) -> Operation:
    group = CONFIG.groups[op["group"]]
    name = method_name(op)
    stem = pascal(name)
    args: list[Arg] = [Arg("", ident(p), "&str") for p in op["path_params"]]
    query_ty = None
    params = op["query_params"]
    if params and (op["paginated"] or len(params) > 2):
        query_ty = models.query_struct(
            f"{stem}Query",
            params,
            f"The query parameters of [`{name}`](crate::{group.module}::{group.trait_name}::{name}).",
        )
        args.append(Arg("#[query(flatten)]", "query", f"&{query_ty.name}"))
    else:
        for param in params:
            q = models.query_field(stem + "Query", param)
            base = "&str" if q.ty.kind == "String" else q.ty.render()
            args.append(Arg("#[query]", ident(param["name"]), f"Option<{base}>" if q.optional else base))

    request_ty = None
    if op["body_encoding"] == "multipart":
        args.append(Arg("#[multipart]", "form", "Multipart"))
    elif op["body_encoding"] == "json":
        schema = op["request_schema"]
        if schema.get("type") == "object" and not schema.get("properties") and "oneOf" not in schema:
            doc = clean_doc(schema.get("description")) or "An empty request body."
            request_ty = models.register(Struct(f"{stem}Request", doc, []), shape_key(schema))
        else:
            request_ty = models.type_of(schema, f"{stem}Request", explicit=f"{stem}Request")
        args.append(Arg("#[body]", "body", f"&{request_ty.render()}"))

    idempotent = op["idempotency_key"] is True
    if idempotent:
        args.append(Arg("#[idempotency_key]", "key", "Option<IdempotencyKey>"))

    response = op["response_schema"]
    data_schema = (response or {}).get("properties", {}).get("data") if response else None
    explicit = CONFIG.response_names.get(op["operation"], f"{stem}Response")
    end_event = None
    if op.get("response_content_type") == "text/event-stream":
        # Server-sent events: the schema is one event's `data`, not an envelope.
        sse = op.get("sse") or {}
        data_schema = (sse.get("data_event") or {}).get("data_schema") or response
        end_event = (sse.get("terminal_event") or {}).get("event_field")
        data_ty = models.type_of(data_schema, explicit, explicit=explicit)
        kind, returns = "events", f"EventStream<{data_ty.render()}>"
    elif data_schema is None:
        # No schema, so no promise of the `{"data": ...}` envelope either (`{}` is a valid answer).
        kind, data_ty, returns = "untyped", Ty("value"), "Option<serde_json::Value>"
    elif op["paginated"] and is_batch_page(data_schema):
        data_ty = models.type_of(data_schema, explicit, explicit=explicit)
        if data_ty.render() != "Batch":
            raise SystemExit(f"{op['operation']}: batch pages are expected to share the `Batch` type")
        kind, returns = "batch_page", "BatchPage"
    elif op["paginated"]:
        if data_schema.get("type") != "array":
            raise SystemExit(f"{op['operation']}: a paginated list whose data is not an array")
        data_ty = models.type_of(data_schema["items"], explicit, explicit=explicit)
        kind, returns = "page", f"Page<{data_ty.render()}>"
    else:
        if data_schema.get("type") == "array":
            data_ty = Ty("vec", inner=models.type_of(data_schema["items"], explicit, explicit=explicit))
        else:
            data_ty = models.type_of(data_schema, explicit, explicit=explicit)
        kind, returns = "data", data_ty.render()

    link = f"[`{name}`](crate::{group.module}::{group.trait_name}::{name})"
    if request_ty is not None and op["body_encoding"] == "json":
        describe_root(models, request_ty, op["request_schema"], f"The body of {link}.")
    if kind == "data" and data_ty.kind == "named":
        describe_root(models, data_ty, data_schema, f"The result of {link}.")
    return Operation(op, group, name, args, returns, kind, data_ty, request_ty, query_ty, idempotent, end_event)


_GENERIC_ROOT_DOC = re.compile(
    r"(?:(?:Request body|Response|Response data|Response payload|Response body) for"
    r"|Discriminated union for) (?:GET|POST|PUT|PATCH|DELETE) /\S*?(?: request body)?(?: —[^.]*)?\.?"
)


def describe_root(models: Models, ty: Ty, schema: dict | None, lead: str) -> None:
    """Replaces a body or result type's doc that only names its route with one linking its method."""
    if ty.name in CONFIG.docs:
        return
    paragraphs = clean_doc((schema or {}).get("description")).split("\n\n")
    if paragraphs[0] and not _GENERIC_ROOT_DOC.fullmatch(paragraphs[0]):
        return
    rest = "\n\n".join(paragraphs[1:]).strip()
    models.types[ty.name].doc = lead + (f"\n\n{rest}" if rest else "")



def place_types(models: Models, operations: list[Operation]) -> None:
    direct: dict[str, set[str]] = {name: set() for name in models.order}
    for operation in operations:
        for ty in (operation.data, operation.request, operation.query):
            for name in ty.named() if ty is not None else []:
                direct[name].add(operation.group.module)
        if operation.kind == "batch_page":
            direct["Batch"].add("common")
    parents: dict[str, set[str]] = {name: set() for name in models.order}
    for name in models.order:
        for child in models.types[name].refs():
            parents[child].add(name)

    homes = {name: "" for name in models.order}
    changed = True
    while changed:
        changed = False
        for name in models.order:
            users = set(direct[name]) | {homes[p] for p in parents[name] if homes[p]}
            home = CONFIG.type_homes.get(name) or (next(iter(users)) if len(users) == 1 else "common")
            if home != homes[name]:
                homes[name] = home
                changed = True
    for name, home in homes.items():
        models.types[name].home = home

    def mark(name: str, attr: str) -> None:
        typedef = models.types[name]
        if isinstance(typedef, Struct):
            if getattr(typedef, attr):
                return
            setattr(typedef, attr, True)
        for child in typedef.refs():
            mark(child, attr)

    for operation in operations:
        for name in operation.request.named() if operation.request is not None else []:
            mark(name, "request")
        for name in operation.data.named() if operation.data is not None else []:
            mark(name, "response")




def module_items(module: str, operations: list[Operation], models: Models) -> list[TypeDef]:
    """The types living in `module`, in the order its operations use them (depth first)."""
    seen: set[str] = set()
    out: list[TypeDef] = []

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        typedef = models.types[name]
        if typedef.home == module:
            out.append(typedef)
        for child in typedef.refs():
            visit(child)

    for operation in operations:
        for ty in (operation.query, operation.request, operation.data):
            for name in ty.named() if ty is not None else []:
                visit(name)
    out += [models.types[n] for n in models.order if n not in seen and models.types[n].home == module]
    return out


