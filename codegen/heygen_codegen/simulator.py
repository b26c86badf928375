"""The table the simulator of `heygen-fake` serves every generated operation from.

For each operation: its route, its declared method name, its success status, what it does to the
resources of its collection (creates one, lists them, reads, updates or deletes one, or acts on one),
the property of its answer that carries the id of the resource, the status values of the resource,
and an answer built from its response schema (the models test's maximal example, which the
simulator fills with the resource's id and status). The simulator's state lives in `heygen-fake`;
this table only says how each route maps onto it.
"""

from __future__ import annotations

import json
import re

from .fixtures import response_example
from .plan import Operation

# Status values, by the part they play in a job's life, most specific first.
STARTING = ("pending", "queued", "waiting", "submitted", "created", "initializing", "starting", "loading")
RUNNING = ("processing", "in_progress", "running", "rendering", "generating", "thinking", "streaming")
SUCCEEDED = ("completed", "complete", "succeeded", "success", "done", "ready", "finished", "active")
FAILED = ("failed", "failure", "error", "errored")

# The webhook events a job of a collection ends with (`<prefix>.success`, `<prefix>.fail`), as
# HeyGen's event types name them; the videos' own (`avatar_video`) are the videos simulator's.
EVENTS = {
    "/v3/ai-clipping": "ai_clipping",
    "/v3/filler-word-removals": "filler_word_removal",
    "/v3/hyperframes/renders": "hyperframes_video",
    "/v3/video-agents": "video_agent",
    "/v3/video-translations": "video_translate",
    "/v3/video-translations/proofreads": "proofread_creation",
}


def _data_schema(op: dict) -> dict:
    response = op.get("response_schema") or {}
    return (response.get("properties") or {}).get("data") or {}


def _properties(schema: dict) -> dict:
    if schema.get("type") == "array":
        schema = schema.get("items") or {}
    return schema.get("properties") or {}


def _statuses(schema: dict) -> dict | None:
    status = _properties(schema).get("status") or {}
    values = [v for v in status.get("enum") or [] if isinstance(v, str)]
    pick = lambda names: next((v for v in names if v in values), None)  # noqa: E731
    done = pick(SUCCEEDED)
    if done is None:
        return None
    return {"starting": pick(STARTING), "running": pick(RUNNING), "succeeded": done, "failed": pick(FAILED)}


# For a status the schema leaves a free string (a background removal's), the values HeyGen's
# enumerated statuses use most (inferred: the spec does not list this one's).
FREE_STATUSES = {"starting": "pending", "running": "processing", "succeeded": "completed", "failed": "failed"}


def _free_status(schema: dict) -> dict | None:
    status = _properties(schema).get("status") or {}
    free = status.get("type") in ("string", ["string", "null"]) and not status.get("enum")
    return dict(FREE_STATUSES) if free else None


def _own_status(schema: dict) -> dict | None:
    """An answer whose status has values but none that ends a job (a brand kit created `loading`):
    it always reports its first value."""
    status = _properties(schema).get("status") or {}
    values = [v for v in status.get("enum") or [] if isinstance(v, str)]
    if not values:
        return None
    return {"starting": values[0], "running": values[0], "succeeded": values[0], "failed": None}


def _batch(op: dict, role: str, collection: str) -> list | None:
    if role != "create" or not collection.endswith("/batches"):
        return None
    request = op.get("request_schema") or {}
    for name in request.get("required") or []:
        if ((request.get("properties") or {}).get(name) or {}).get("type") == "array":
            return [name, collection[: -len("/batches")]]
    return None


def _param(path: str) -> str | None:
    """The path parameter the path ends with, if it does."""
    match = re.search(r"\{([^}]+)\}$", path)
    return match.group(1) if match else None


def _collection(path: str) -> str:
    """The path of the collection the route works on: up to its last path parameter."""
    params = list(re.finditer(r"/\{[^}]+\}", path))
    return path[: params[-1].start()] if params else path


def _id_field(properties: dict, param: str | None) -> str | None:
    for name in (param, "id"):
        if name and (properties.get(name) or {}).get("type") in ("string", ["string", "null"]):
            return name
    return None


def entries(operations: list[Operation]) -> list[dict]:
    by_route = {(o.op["method"], o.op["path"]): o for o in operations}
    out = []
    for operation in operations:
        op = operation.op
        method, path = op["method"], op["path"]
        last = _param(path)
        collection = _collection(path)
        # The route that reads one resource of the collection, which says what its id is called.
        reader = next(
            (o for (m, p), o in by_route.items() if m == "GET" and _collection(p) == collection and _param(p)),
            None,
        )
        id_param = _param(reader.op["path"]) if reader else last
        if method == "POST" and "{" not in path and reader is not None:
            role = "create"
        elif method == "GET" and last is None and operation.kind == "page":
            role = "list"
        elif last is not None and last == id_param and method == "GET":
            role = "get"
        elif last is not None and last == id_param and method in ("PATCH", "PUT"):
            role = "update"
        elif last is not None and last == id_param and method == "DELETE":
            role = "delete"
        else:
            role = "other"
        if operation.kind == "events":
            # A stream of server-sent events about one resource (the Avatar Realtime words).
            role = "events"
        data = _data_schema(op)
        properties = _properties(data)
        created_field = None
        if role == "create" and operation.kind == "untyped":
            # An answer the spec leaves open (`{"type": "object"}`): the example's `id` carries it.
            created_field = "id"
        elif role == "create":
            created_field = _id_field(properties, id_param)
            if created_field is None:
                # `video_translation_ids`, `proofread_ids`: the ids of what was created.
                created_field = next((n for n in properties if n.endswith("_id") or n.endswith("_ids")), None)
        reader_data = _data_schema(reader.op) if reader else data
        # A create answering an array of ids, one per item of a request list (a translation per
        # output language): `[request list, the read resource's field for one item]`.
        per_item = None
        if role == "create" and created_field and created_field.endswith("_ids"):
            request = op.get("request_schema") or {}
            read_props = _properties(reader_data)
            for name in request.get("required") or []:
                prop = (request.get("properties") or {}).get(name) or {}
                one = name[:-1] if name.endswith("s") else None
                if prop.get("type") == "array" and one in read_props:
                    per_item = [name, one]
                    break
        out.append({
            "operation": op["operation"],
            "name": operation.name,
            "method": method,
            "path": path,
            # The catalog states no success status: `spec/openapi.json` has `202 Accepted` for the
            # operations whose answer has no schema, `200` for the others.
            "status": op.get("success_status") or (200 if op.get("response_schema") else 202),
            "role": role,
            "collection": collection,
            "id_param": id_param,
            "id_field": _id_field(properties, id_param),
            "created_field": created_field,
            "statuses": _statuses(data) or _own_status(data) or _statuses(reader_data) or _free_status(data),
            "paginated": operation.kind == "page",
            "per_item": per_item,
            # A batch create: `[request list, the collection each item is created in]`; a batch
            # read answers the items' own statuses.
            "batch": _batch(op, role, collection),
            "batch_view": role == "get" and collection.endswith("/batches") and "items" in properties,
            # The answer's fields that may be null: left unset until a job has finished.
            "nullable": sorted(
                name for name, prop in _properties(data).items()
                if prop.get("nullable") or (isinstance(prop.get("type"), list) and "null" in prop["type"])
            ),
            # A batch ends with one event whatever its items did: `batch.finished`.
            "events": (EVENTS.get(collection) or ("batch.finished" if collection.endswith("/batches") else None))
            if role == "create" else None,
            # A create of another group whose answer names a video (a video agent's session): the
            # simulator makes that video in the videos group.
            # A route that adds to a resource's text (Avatar Realtime's `POST .../text`, whose one
            # required field is the `delta`), which the resource's stream of events then speaks:
            # `[request field, resource field]`.
            "appends": [(op.get("request_schema") or {}).get("required", ["text"])[0], "text"]
            if role == "other" and method == "POST" and path.endswith("/text") else None,
            "video_field": "video_id"
            if role == "create" and not collection.startswith("/v3/videos") and "video_id" in properties
            else None,
            "answer": response_example(operation, True) if operation.kind != "events" else None,
        })
    return out


def render(operations: list[Operation]) -> str:
    return json.dumps(entries(operations), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
