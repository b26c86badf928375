"""Which file of its module each type goes into: one `models.rs`, or for a large group the files of
`layout.toml [[model_files]]`, each taking the types reachable from its roots that no earlier file took."""

from __future__ import annotations

from dataclasses import dataclass

from .config import CONFIG
from .model import Models, TypeDef

DEFAULT_FILE = "models"


@dataclass
class ModelFileItems:
    file: str
    doc: str
    items: list[TypeDef]


def split_models(module: str, items: list[TypeDef], models: Models) -> list[ModelFileItems]:
    """The model files of `module`, in order, with their items in the module's order. No file is empty."""
    here = {t.name for t in items}
    owner: dict[str, str] = {}
    files = CONFIG.model_files.get(module, [])
    for spec in files:
        stack = list(spec.roots)
        for root in spec.roots:
            if root not in here:
                raise SystemExit(f"layout.toml: {root} is not a model of {module}")
        while stack:
            name = stack.pop()
            if name in owner or name not in here:
                continue
            owner[name] = spec.file
            stack += models.types[name].refs()
    out = [ModelFileItems(spec.file, spec.doc, [t for t in items if owner.get(t.name) == spec.file]) for spec in files]
    rest = [t for t in items if t.name not in owner]
    if rest or not files:
        out.append(ModelFileItems(DEFAULT_FILE, f"The models of [`{module}`](super): what its operations send and return.", rest))
    return [f for f in out if f.items]
