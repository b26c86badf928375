"""Examples of request and response bodies, built from the schemas alone: the models test's fixtures."""

from __future__ import annotations

import json

from .config import CONFIG
from .plan import Operation
from .schema import union_tags
from .text import singular

def example(schema: dict | None, maximal: bool, name: str):
    """A JSON value matching `schema`: every property set (maximal) or only the required ones (minimal).

    Maximal examples use the first value of an enum and the last variant of a union; minimal ones the last
    value and the first variant, so that the two cover more of the types between them.
    """
    if schema is None:
        return {"id": f"example-{name}"} if maximal else {}
    if "oneOf" in schema:
        variants = list(zip(schema["oneOf"], union_tags(schema)))
        variant, tag = variants[-1] if maximal else variants[0]
        return variant_example(schema, variant, tag, maximal)
    if "anyOf" in schema:
        branches = any_of_branches(schema)
        return branch_example(branches[-1] if maximal else branches[0], maximal)
    kind = schema.get("type")
    if kind == "object":
        if not schema.get("properties"):
            if not maximal:
                return {}
            described = CONFIG.described_maps.get(name)
            if described is not None:
                return {"first": 2 if described.values == "integer" else f"example-{name}-first"}
            return {"key": "value", "nested": {"count": 1, "flags": [True]}}
        required = set(schema.get("required") or [])
        out = {}
        for prop_name, prop in schema["properties"].items():
            if maximal:
                out[prop_name] = example(prop, True, prop_name)
            elif prop_name in required:
                out[prop_name] = None if prop.get("nullable") else example(prop, False, prop_name)
        return out
    if kind == "array":
        items = schema["items"]
        if maximal and "oneOf" in items:
            return [variant_example(items, v, t, True) for v, t in zip(items["oneOf"], union_tags(items))]
        if maximal and "anyOf" in items:
            return [branch_example(branch, True) for branch in any_of_branches(items)]
        return [example(items, maximal, singular(name))]
    if kind == "string":
        if schema.get("enum"):
            return schema["enum"][0] if maximal else schema["enum"][-1]
        return f"example-{name}"
    if kind == "integer":
        return 3
    if kind == "number":
        return 2.5
    if kind == "boolean":
        return maximal
    raise SystemExit(f"no example for {json.dumps(schema)[:200]}")


def variant_example(union: dict, variant: dict, tag: str, maximal: bool):
    prop = union["discriminator"]["propertyName"]
    value = example(variant, maximal, tag)
    value[prop] = tag
    return value


def any_of_branches(schema: dict) -> list[dict]:
    """The branches of an `anyOf` an example may take: not the permissive stand-in of a recursive
    schema (`x-recursive-ref`), whose type is the one the example already shows."""
    return [branch for branch in schema["anyOf"] if "x-recursive-ref" not in branch]


def branch_example(branch: dict, maximal: bool):
    """An example of one `anyOf` branch, its one-value tag set even where the schema does not require
    it (HeyGen sends it: it is what tells the branches apart)."""
    value = example(branch, maximal, "item")
    for prop_name, prop in branch.get("properties", {}).items():
        if len(prop.get("enum") or []) == 1:
            value[prop_name] = prop["enum"][0]
    return value


def request_examples(schema: dict, maximal: bool) -> list:
    """One example per top-level variant of a union body, else one."""
    if "oneOf" in schema:
        return [variant_example(schema, v, t, maximal) for v, t in zip(schema["oneOf"], union_tags(schema))]
    if not schema.get("properties"):
        return [{}]  # a body without fields, not a free-form map
    return [example(schema, maximal, "body")]


def response_example(operation: Operation, maximal: bool):
    if operation.kind == "events":
        return example(operation.op["sse"]["data_event"]["data_schema"], maximal, "data")  # one event's data
    response = operation.op["response_schema"]
    data_schema = response["properties"]["data"] if response else None
    if operation.kind == "untyped" and not maximal:
        return {}  # any object is a valid answer, the one without `data` included
    if operation.kind == "page":
        items = example(data_schema, maximal, "data")
        return {
            "data": items,
            "has_more": maximal,
            "next_token": "example-next_token" if maximal else None,
        }
    return {"data": example(data_schema, maximal, "data")}


def fixture_for(operation: Operation) -> str:
    fixture: dict = {
        "operation": operation.op["operation"],
        "response": {
            "maximal": response_example(operation, True),
            "minimal": response_example(operation, False),
        },
    }
    if operation.request is not None:
        schema = operation.op["request_schema"]
        fixture["request"] = {
            "maximal": request_examples(schema, True),
            "minimal": request_examples(schema, False),
        }
    return json.dumps(fixture, indent=2, ensure_ascii=False) + "\n"
