"""The generator's configuration: everything the catalog does not say and a reader of the generated code
would expect (module names, method and type names, docs, file layout).

The tables are data files under `codegen/config/`; `load` reads them into `Table`s, which remember the
entries that were looked up, so that an entry matching nothing in the catalog is reported as stale.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .paths import CONFIG_DIR


class Table(dict):
    """A configuration table that remembers which entries were looked up, so stale ones are reported."""

    def __init__(self, entries: dict) -> None:
        super().__init__(entries)
        self.used: set = set()

    def get(self, key, default=None):
        if key in self:
            self.used.add(key)
            return self[key]
        return default

    def unused(self) -> list:
        return [key for key in self if key not in self.used]


@dataclass(frozen=True)
class Group:
    """How one catalog group becomes a Rust module."""

    module: str
    trait_name: str
    title: str = ""
    summary: str = ""
    example_op: str = ""
    handwritten: bool = False  # declared by hand: only listed in `api/mod.rs`


@dataclass(frozen=True)
class DescribedMap:
    """An object without properties whose description says what its values are.

    The spec leaves the values untyped (any JSON value is valid), so the field stays a JSON map: a stricter
    type would reject answers the spec allows. An accessor written by hand beside the type (see
    `Config.handwritten`) reads the values as the description implies; the field's doc points to it.
    """

    values: str  # the JSON type the description implies, for the examples: "integer" or "string"
    accessor: str  # the doc sentence naming the accessor


@dataclass(frozen=True)
class HandwrittenFile:
    """A hand-written Rust file beside a group's generated ones, declared by the group's `mod.rs`."""

    file: str
    exports: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelFile:
    """One of the files a large group's models are split into: the types reachable from `roots`."""

    file: str
    doc: str
    roots: tuple[str, ...]


@dataclass(frozen=True)
class SharedFields:
    """Request types with the same fields but one: one generic struct, one type alias per original name."""

    name: str  # the generic struct, holding the common fields
    doc: str
    param: str  # the name of its type parameter, the part that differs
    field: str  # the name of the field holding that part
    field_doc: str
    members: tuple[str, ...]  # the original types, kept as aliases
    subjects: tuple[str, ...]  # the name of each member's own part


@dataclass
class Config:
    groups: dict[str, Group]
    method_names: Table
    response_names: Table
    type_renames: Table
    union_names: Table
    type_homes: Table
    variant_names: Table
    described_enums: Table
    described_maps: Table
    docs: Table
    query_docs: Table
    handwritten: Table  # module -> [HandwrittenFile]
    model_files: Table  # module -> [ModelFile]
    shared_fields: Table  # name -> SharedFields
    any_of: Table = field(default_factory=lambda: Table({}))  # name -> {variants, types, tag?}
    # type -> a hand-written method `fn(&self, &mut Vec<LimitViolation>)` its `Limits::check` also calls
    limit_hooks: Table = field(default_factory=lambda: Table({}))
    example_query_values: dict[str, str] = field(default_factory=dict)
    # type -> the order of its constructor's arguments, where the schema's `required` order would
    # make two sibling types take the same fields in different orders
    constructor_order: Table = field(default_factory=lambda: Table({}))

    def generated_groups(self) -> dict[str, Group]:
        """The catalog groups whose module is generated."""
        return {key: group for key, group in self.groups.items() if not group.handwritten}

    def tables(self) -> dict[str, Table]:
        return {
            "names.toml [methods]": self.method_names,
            "names.toml [responses]": self.response_names,
            "names.toml [types]": self.type_renames,
            "names.toml [[unions]]": self.union_names,
            "names.toml [variants]": self.variant_names,
            "placement.toml [homes]": self.type_homes,
            "described.toml [enums]": self.described_enums,
            "described.toml [maps]": self.described_maps,
            "docs.toml [items]": self.docs,
            "docs.toml [query]": self.query_docs,
            "layout.toml [[handwritten]]": self.handwritten,
            "layout.toml [[model_files]]": self.model_files,
            "layout.toml [[shared_fields]]": self.shared_fields,
            "layout.toml [[limit_hooks]]": self.limit_hooks,
            "names.toml [any_of]": self.any_of,
            "names.toml [constructors]": self.constructor_order,
        }

    def stale(self) -> dict[str, list]:
        """The entries of every table that nothing looked up."""
        return {name: table.unused() for name, table in self.tables().items() if table.unused()}


def _read(directory: Path, name: str) -> dict:
    path = directory / name
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        return tomllib.load(file)


def load(directory: Path = CONFIG_DIR) -> Config:
    """Reads the configuration files of `directory`; a missing file is an empty configuration."""
    groups_file = _read(directory, "groups.toml")
    names = _read(directory, "names.toml")
    placement = _read(directory, "placement.toml")
    described = _read(directory, "described.toml")
    docs = _read(directory, "docs.toml")
    layout = _read(directory, "layout.toml")

    groups = {
        key: Group(
            module=entry["module"],
            trait_name=entry["trait"],
            title=entry.get("title", ""),
            summary=entry.get("summary", ""),
            example_op=entry.get("example", ""),
            handwritten=entry.get("handwritten", False),
        )
        for key, entry in groups_file.get("groups", {}).items()
    }
    handwritten: dict[str, list[HandwrittenFile]] = {}
    for entry in layout.get("handwritten", []):
        handwritten.setdefault(entry["module"], []).append(
            HandwrittenFile(entry["file"], tuple(entry.get("exports", [])))
        )
    model_files: dict[str, list[ModelFile]] = {}
    for entry in layout.get("model_files", []):
        model_files.setdefault(entry["module"], []).append(
            ModelFile(entry["file"], entry["doc"], tuple(entry.get("roots", [])))
        )
    shared = {
        entry["name"]: SharedFields(
            entry["name"], entry["doc"], entry["param"], entry["field"], entry["field_doc"],
            tuple(entry["members"]), tuple(entry["subjects"]),
        )
        for entry in layout.get("shared_fields", [])
    }
    return Config(
        groups=groups,
        method_names=Table(names.get("methods", {})),
        response_names=Table(names.get("responses", {})),
        type_renames=Table(names.get("types", {})),
        constructor_order=Table(names.get("constructors", {})),
        union_names=Table({frozenset(u["schemas"]): u["name"] for u in names.get("unions", [])}),
        type_homes=Table(placement.get("homes", {})),
        variant_names=Table(names.get("variants", {})),
        described_enums=Table({
            tuple(key.split(".", 1)): (entry["name"], entry["values"])
            for key, entry in described.get("enums", {}).items()
        }),
        described_maps=Table({
            key: DescribedMap(entry["values"], entry["accessor"]) for key, entry in described.get("maps", {}).items()
        }),
        docs=Table(docs.get("items", {})),
        query_docs=Table(docs.get("query", {})),
        handwritten=Table(handwritten),
        model_files=Table(model_files),
        shared_fields=Table(shared),
        limit_hooks=Table({entry["type"]: entry["method"] for entry in layout.get("limit_hooks", [])}),
        any_of=Table(names.get("any_of", {})),
        example_query_values=docs.get("example_query_values", {}),
    )


CONFIG = load()
