"""Request types that share all their fields but a few: one generic struct holding the shared fields,
and, under each original name, a type alias of it for the part that differs (its "subject").

The catalog's `CreateVideoFromAvatar` and `CreateVideoFromImage` differ only in what speaks (an avatar or
an image) and the docs of two fields; as two structs, sixteen fields and setters were written twice. The
wire shape is the same: the subject is flattened into the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import CONFIG, SharedFields
from .model import Models, Struct


@dataclass
class Shared(Struct):
    """The generic struct: the shared fields, and the subject as a flattened type parameter."""

    param: str = ""
    subject_field: str = ""
    subject_doc: str = ""
    members: tuple = ()


@dataclass
class Alias:
    """An original request type, now `Shared<Subject>`; its constructor and own setters reach into the subject."""

    name: str
    doc: str
    shared: str
    subject: str
    subject_field: str
    required_order: list
    home: str = ""

    def refs(self) -> list[str]:
        return [self.shared, self.subject]


def share_fields(models: Models) -> None:
    """Replaces the members of every configured `SharedFields` by aliases of one generic struct."""
    for name, config in CONFIG.shared_fields.items():
        if all(member in models.types for member in config.members):  # else left unused, so reported stale
            _share(models, CONFIG.shared_fields.get(name))


def _share(models: Models, config: SharedFields) -> None:
    # Not marked as requests here: `place_types` marks them and, through them, the types of their fields.
    members = [models.types.get(member) for member in config.members]
    if any(not isinstance(m, Struct) for m in members):
        raise SystemExit(f"shared_fields {config.name}: {config.members} are not all structs")
    first = members[0]
    common = [f for f in first.fields if f.optional and all(f in m.fields for m in members[1:])]
    if not common:
        raise SystemExit(f"shared_fields {config.name}: {config.members} share no field")
    wires = {f.wire for f in common}
    shared = Shared(
        config.name, config.doc, list(common),
        param=config.param, subject_field=config.field, subject_doc=config.field_doc, members=config.members,
    )
    models.types[config.name] = shared
    models.order.append(config.name)
    for member, subject_name in zip(members, config.subjects):
        own = [f for f in member.fields if f.wire not in wires]
        subject_doc = f"What speaks in a [`{member.name}`], and the fields whose meaning depends on it."
        subject = Struct(
            subject_name, subject_doc, own, required_order=member.required_order, builder=False
        )
        models.types[subject_name] = subject
        models.order.append(subject_name)
        models.types[member.name] = Alias(
            member.name, member.doc, config.name, subject_name, config.field, member.required_order
        )
