"""`--report`: the generated types, and the fields and answers left as JSON."""

from __future__ import annotations

from .model import Models, Struct, Union
from .plan import Operation

def report(models: Models, operations: list[Operation]) -> None:
    for name in models.order:
        typedef = models.types[name]
        kind = type(typedef).__name__
        flags = ""
        if isinstance(typedef, Struct):
            flags = "".join(
                letter if on else "-"
                for letter, on in (("R", typedef.request), ("D", typedef.response), ("Q", typedef.query))
            )
        print(f"{typedef.home:20} {kind:10} {flags:3} {name}")
    free = []
    for name in models.order:
        typedef = models.types[name]
        fields = typedef.fields if isinstance(typedef, Struct) else []
        if isinstance(typedef, Union):
            fields = [f for v in typedef.variants for f in v.fields or []]
        for f in fields:
            if f.ty.is_free_form():
                free.append(f"{name}.{f.wire}: {f.rust_type()}")
    untyped = [o.name for o in operations if o.kind == "untyped"]
    print(f"\nfree-form fields ({len(free)}):")
    for line in free:
        print("  " + line)
    print(f"operations returning Option<serde_json::Value> ({len(untyped)}): {', '.join(untyped)}")
