"""Reading the catalog's schemas: their structure for deduplication, and the tags of discriminated unions."""

from __future__ import annotations

import json
import re

# Keys that do not change the Rust type: docs, and the limits and closedness the extra operations keep
# (`minLength`, `additionalProperties: false`, ...), which the catalog's projection drops, so that a type
# the two share deduplicates to one Rust type. `x-recursive-ref` marks a permissive stand-in for a
# recursive schema.
NOT_TYPE_KEYS = frozenset({
    "description", "default", "example",
    "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "format", "additionalProperties",
    "x-removed-values",
})


def strip_docs(schema):
    """The schema without the keys that do not change the Rust type (for deduplication).

    Property names are kept whatever they are (a property may be called `format`); in a discriminated
    union, the one-value `enum` of each variant's tag property is dropped too (the catalog states the
    tag in the discriminator mapping only; the extra operations also as a `const`-like enum).
    """
    if isinstance(schema, list):
        return [strip_docs(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in NOT_TYPE_KEYS:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: strip_docs(prop) for name, prop in value.items()}
        else:
            out[key] = strip_docs(value)
    if "discriminator" in out and "oneOf" in out:
        tag = out["discriminator"].get("propertyName")
        for variant in out["oneOf"]:
            tag_schema = variant.get("properties", {}).get(tag)
            if isinstance(tag_schema, dict):
                tag_schema.pop("enum", None)
    return out


def shape_key(schema) -> str:
    """A canonical text of a schema's structure, ignoring its docs and its own nullability."""
    stripped = strip_docs(schema)
    if isinstance(stripped, dict):
        stripped.pop("nullable", None)
    return json.dumps(stripped, sort_keys=True)


def union_tags(schema: dict) -> list[str]:
    """The discriminator value of each `oneOf` variant, in `oneOf` order.

    The catalog's variants do not always state their value: it is read from the discriminator property's
    `enum` or `default`, from its description ("Must be 'x'", "Always 'x'"), or else matched to a mapping
    key that names one of the variant's own properties (`url`, `asset_id`); the last one left gets the
    remaining key.
    """
    prop = schema["discriminator"]["propertyName"]
    keys = list(schema["discriminator"]["mapping"])
    tags: list[str | None] = []
    for variant in schema["oneOf"]:
        tag_schema = variant["properties"][prop]
        tag = None
        if tag_schema.get("enum"):
            tag = tag_schema["enum"][0]
        elif tag_schema.get("default"):
            tag = tag_schema["default"]
        else:
            match = re.search(r"(?:Must be|Always) '([^']+)'", tag_schema.get("description", ""))
            if match:
                tag = match.group(1)
            else:
                own = [key for key in keys if key in variant["properties"]]
                tag = own[0] if len(own) == 1 else None
        tags.append(tag)
    left = [key for key in keys if key not in tags]
    if tags.count(None) == 1 and len(left) == 1:
        tags[tags.index(None)] = left[0]
    if None in tags or sorted(tags) != sorted(keys):
        raise SystemExit(f"cannot tell the discriminator values of {keys}: got {tags}")
    return tags  # type: ignore[return-value]


def union_schema_names(schema: dict) -> list[str]:
    """The component name each variant of a discriminated union maps to, in `oneOf` order."""
    mapping = schema["discriminator"]["mapping"]
    return [mapping[tag].rsplit("/", 1)[-1] for tag in union_tags(schema)]


def is_merged_union(schema: dict) -> bool:
    """A union whose variants differ only in the discriminator value: one struct with a typed `type`."""
    if len(schema["oneOf"]) < 2:
        return False
    prop = schema["discriminator"]["propertyName"]
    shapes = set()
    for variant in schema["oneOf"]:
        rest = {k: v for k, v in variant["properties"].items() if k != prop}
        shapes.add(json.dumps(strip_docs({"properties": rest, "required": variant.get("required", [])}), sort_keys=True))
    return len(shapes) == 1


def is_free_form(schema: dict) -> bool:
    return schema.get("type") == "object" and not schema.get("properties") and "oneOf" not in schema




def is_batch_page(data_schema: dict | None) -> bool:
    """The four `.../batches/{batch_id}` reads page through `data.items` with the cursor inside `data`."""
    props = (data_schema or {}).get("properties") or {}
    return data_schema is not None and data_schema.get("type") == "object" and {"items", "has_more"} <= set(props)
