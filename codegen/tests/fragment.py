"""A small hand-made catalog fragment in the `user` group: a GET with a query and a POST that is idempotent."""

OBJECT = "object"


def op(operation, method, path, **extra):
    base = {
        "operation": operation, "group": "user", "summary": "", "description": "", "method": method, "path": path,
        "path_params": [], "query_params": [], "body_encoding": "", "request_schema": None, "response_schema": None,
        "paginated": False, "idempotency_key": False,
    }
    base.update(extra)
    return base


def param(name, kind="string", required=False, enum=None, default=None, lo=None, hi=None):
    return {"name": name, "type": kind, "required": required, "enum": enum, "min": lo, "max": hi, "default": default}


WIDGET = {
    "type": OBJECT,
    "description": "A widget of the workspace.",
    "required": ["id", "shape"],
    "properties": {
        "id": {"type": "string", "description": "ID of the widget."},
        "shape": {"type": "string", "enum": ["round", "square"], "description": "Shape of the widget."},
        "label": {"type": "string", "description": "Label shown under the widget."},
    },
}


def catalog():
    return [
        op("user_me_get", "GET", "/v3/users/me", summary="Get Current User",
           response_schema={"type": OBJECT, "properties": {"data": WIDGET}}),
        op("user_widgets_list", "GET", "/v3/widgets", summary="List Widgets", paginated=True,
           query_params=[param("limit", "int", default=10, lo=1, hi=100), param("token"),
                         param("folder_id", required=True)],
           response_schema={"type": OBJECT, "properties": {"data": {"type": "array", "items": WIDGET}}}),
        op("user_widgets_create", "POST", "/v3/widgets", summary="Create Widget", body_encoding="json",
           idempotency_key=True,
           request_schema={
               "type": OBJECT, "required": ["name"],
               "properties": {
                   "name": {"type": "string", "description": "Name of the widget. Shown in lists."},
                   "size": {"type": "integer", "description": "Size in pixels.", "default": 3},
               },
           },
           response_schema={"type": OBJECT, "properties": {"data": WIDGET}}),
    ]
