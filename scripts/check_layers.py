#!/usr/bin/env python3
"""Fails when a crate's modules form a cycle, or when a module of `heygen-api` uses a layer above it.

Reads each crate's module tree from `src/lib.rs` (`mod` declarations, `#[path]` included), finds every
`crate::...`, `$crate::...` and `super::...` path in code (comments and string literals are skipped,
so documentation links do not count), resolves the crate root's `pub use` re-exports, and maps each
path to the module that owns it. A "unit" is a module of the crate: for `heygen-api`, each module of
`runtime/` and of `api/`, and `jobs`, `uploads`, `prelude`; for the other crates, each top-level
module. References inside one unit (a module and its submodules) are not edges.

Checks:
  * no cycle between units, in any crate;
  * in `heygen-api`, layers only look down: runtime (0) < api (1) < jobs, uploads (2) < prelude and
    the crate root (3).

Usage: python3 scripts/check_layers.py        (exit 1 and a report on a violation)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# crate directory -> (how deep under each top-level module a unit is, layers of heygen-api)
CRATES = {
    "heygen-api": {"unit_depth": {"runtime": 2, "api": 2}},
    "heygen-macros": {"unit_depth": {}},
    "heygen-fake": {"unit_depth": {}},
    "heygen-rules": {"unit_depth": {}},
}

# Layers of heygen-api, by the first segment of a unit's path (the root is "").
API_LAYERS = {"runtime": 0, "api": 1, "jobs": 2, "uploads": 2, "prelude": 3, "": 3}

MOD_DECL = re.compile(r"^\s*(?:#\[path\s*=\s*\"([^\"]+)\"\]\s*)?(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", re.M)
PATH_ATTR_BEFORE = re.compile(r"#\[path\s*=\s*\"([^\"]+)\"\]\s*$")
REF = re.compile(r"(?<![\w:])\$?(crate|super(?:::super)*)::((?:\w+::)*\w+|\{)")


def strip_code(text: str) -> str:
    """The text with comments and string/char literals blanked (line breaks kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r"r(#*)\"", text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            end = n if end < 0 else end + 1 + len(hashes)
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i : j + 1]))
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:]):
            m = re.match(r"'(\\.|[^\\'])'", text[i:])
            out.append(" " * len(m.group(0)))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


@dataclass
class Module:
    path: tuple[str, ...]
    file: Path
    code: str = ""
    children: list[str] = field(default_factory=list)
    # The crate's top-level module names, as one-element paths.
    top_level: set = field(default_factory=set)


def load_modules(src: Path) -> dict[tuple[str, ...], Module]:
    modules: dict[tuple[str, ...], Module] = {}

    def visit(path: tuple[str, ...], file: Path, owns_dir: bool) -> None:
        code = strip_code(file.read_text())
        module = Module(path, file, code)
        modules[path] = module
        directory = file.parent if owns_dir else file.parent / file.stem
        raw = file.read_text()
        for m in MOD_DECL.finditer(strip_code_keep_attrs(raw)):
            explicit, name = m.group(1), m.group(2)
            if explicit:
                child = file.parent / explicit
                child_owns_dir = child.name == "mod.rs"
            elif (directory / f"{name}.rs").is_file():
                child, child_owns_dir = directory / f"{name}.rs", False
            elif (directory / name / "mod.rs").is_file():
                child, child_owns_dir = directory / name / "mod.rs", True
            else:
                continue  # an inline `mod x { ... }` is not `mod x;`
            module.children.append(name)
            visit(path + (name,), child, child_owns_dir)

    visit((), src / "lib.rs", True)
    top_level = {path[:1] for path in modules if len(path) == 1}
    for module in modules.values():
        module.top_level = top_level
    return modules


def strip_code_keep_attrs(text: str) -> str:
    """Comments blanked but string literals kept (for `#[path = "..."]`)."""
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def use_targets(code: str, start: int) -> list[str]:
    """The paths named by a `crate::{...}` use tree starting at the `{` at `start`."""
    depth, j = 0, start
    while j < len(code):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                break
        j += 1
    tree = code[start : j + 1]

    def expand(prefix: str, body: str) -> list[str]:
        items, depth, current = [], 0, ""
        for ch in body:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if ch == "," and depth == 0:
                items.append(current)
                current = ""
            else:
                current += ch
        items.append(current)
        paths = []
        for item in (i.strip() for i in items):
            if not item:
                continue
            if "{" in item:
                head, rest = item.split("{", 1)
                paths += expand(prefix + head.strip().rstrip(":").rstrip(":") + "::", rest.rsplit("}", 1)[0])
            else:
                name = item.split(" as ")[0].strip()
                paths.append(prefix + name if name != "self" else prefix.rstrip(":"))
        return paths

    return [p.rstrip(":") for p in expand("", tree[1:-1])]


def root_reexports(modules: dict[tuple[str, ...], Module]) -> dict[str, tuple[str, ...]]:
    """`pub use` names of the crate root, resolved to module paths where they name modules or items."""
    code = modules[()].code
    names: dict[str, str] = {}
    for m in re.finditer(r"pub\s+use\s+([^;]+);", code):
        body = m.group(1).strip()
        if "{" in body:
            head, tree = body.split("{", 1)
            for path in use_targets("{" + tree, 0):
                full = head + path
                names.setdefault(full.split("::")[-1], full)
        else:
            alias = body.split(" as ")
            full = alias[0].strip()
            names.setdefault((alias[1] if len(alias) > 1 else full.split("::")[-1]).strip(), full)
    resolved: dict[str, tuple[str, ...]] = {}

    def resolve(name: str, seen: frozenset = frozenset()) -> tuple[str, ...] | None:
        if name in resolved:
            return resolved[name]
        full = names.get(name)
        if full is None or name in seen:
            return None
        parts = full.split("::")
        if parts[0] in ("crate", "self"):
            parts = parts[1:]
        if tuple(parts[:1]) in modules:
            out = tuple(parts)
        else:
            base = resolve(parts[0], seen | {name})
            if base is None:
                return None
            out = base + tuple(parts[1:])
        resolved[name] = out
        return out

    for name in names:
        resolve(name)
    return resolved


def unit_of(path: tuple[str, ...], modules, depths) -> tuple[str, ...]:
    """The unit owning the item or module at `path`."""
    while path and path not in modules:
        path = path[:-1]
    if not path:
        return ()
    depth = depths.get(path[0], 1)
    return path[:depth]


def modules_of(module: Module) -> set:
    return module.top_level


def references(module: Module, reexports):
    """(target path, line) for every crate-internal path in the module's code."""
    out = []
    for m in REF.finditer(module.code):
        line = module.code.count("\n", 0, m.start()) + 1
        anchor, rest = m.group(1), m.group(2)
        if anchor == "crate":
            base: tuple[str, ...] = ()
        else:
            ups = anchor.count("super")
            # `super` inside a file module is relative to the module itself.
            base = module.path[: len(module.path) - ups]
        if rest == "{":
            targets = use_targets(module.code, m.end() - 1)
        else:
            targets = [rest]
        for target in targets:
            parts = tuple(p for p in target.split("::") if p and p != "self")
            if anchor == "crate" and parts and parts[0] in reexports and parts[:1] not in modules_of(module):
                parts = reexports[parts[0]] + parts[1:]
            out.append((base + parts, line))
    return out


def check_crate(name: str, config: dict) -> list[str]:
    src = ROOT / name / "src"
    if not (src / "lib.rs").is_file():
        return []
    modules = load_modules(src)
    reexports = root_reexports(modules)
    depths = config["unit_depth"]
    edges: dict[tuple, dict[tuple, tuple[Path, int]]] = {}
    for module in modules.values():
        source = unit_of(module.path, modules, depths) if module.path else ()
        for target, line in references(module, reexports):
            dest = unit_of(target, modules, depths)
            if dest == source or not dest and not target:
                continue
            # A unit's own submodules and its ancestors' declarations are not dependencies.
            if source[: len(dest)] == dest and module.path[: len(dest)] == dest and len(dest) < len(source):
                continue
            edges.setdefault(source, {}).setdefault(dest, (module.file, line))
    problems = []
    # Layers.
    if name == "heygen-api":
        for source, dests in edges.items():
            for dest, (file, line) in dests.items():
                layer = lambda unit: API_LAYERS.get(unit[0] if unit else "", 3)
                if layer(dest) > layer(source):
                    problems.append(
                        f"{name}: `{'::'.join(source) or 'crate'}` (layer {layer(source)}) uses "
                        f"`{'::'.join(dest) or 'crate'}` (layer {layer(dest)}), a layer above it "
                        f"({file.relative_to(ROOT)}:{line})"
                    )
    # Cycles (Tarjan's strongly connected components).
    index, low, stack, on_stack, sccs = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                sccs.append(component)

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            strong(v)
    for component in sccs:
        members = set(component)
        lines = [
            f"    {'::'.join(a) or 'crate'} -> {'::'.join(b) or 'crate'} ({f.relative_to(ROOT)}:{l})"
            for a in component
            for b, (f, l) in edges.get(a, {}).items()
            if b in members
        ]
        names = ", ".join(sorted("::".join(u) or "crate" for u in component))
        problems.append(f"{name}: module cycle between {names}:\n" + "\n".join(lines))
    return problems


def main() -> int:
    problems = []
    for name, config in CRATES.items():
        problems += check_crate(name, config)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"no module cycles; heygen-api's layers only look down ({', '.join(CRATES)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
