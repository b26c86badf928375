#!/usr/bin/env python3
"""Generates heygen-api's API group modules from the vendored HeyGen catalog.

Reads `spec/operations.json` (the catalog) with the reviewed changes HeyGen made to it since
(`codegen/config/september.toml`, applied by `heygen_codegen/overlay.py`), then
`spec/extra-operations.json` (the operations HeyGen documents beyond it, in the same layout), and the
configuration in `codegen/config/`, and writes, for
every API group
whose module is not written by hand (see `codegen/config/groups.toml`):

* `heygen-api/src/api/<module>/mod.rs`: the group's docs, its `#[api]` trait (one `#[endpoint]` method per
  operation, which `#[api]` implements for every client), and the declarations of the files below;
* `heygen-api/src/api/<module>/models.rs` (or, for a large group, the files of `layout.toml`): the models
  its operations use; hand-written files beside them (`layout.toml [[handwritten]]`) are declared, not written;
* `heygen-api/src/api/common/`: the models shared by several groups (media inputs, batches, ...);
* `heygen-api/src/api/mod.rs`: the list of modules and the `GROUPS` of endpoints;
* `tests/fixtures/examples/<operation>.json`: a maximal and a minimal example of every response body and
  request body, built from the schemas;
* `tests/tests/models/main.rs`: a test per operation decoding those examples into the declared types;
* `tests/fixtures/september-overlay.json`: the overlay as JSON, for the conformance test;
* `tests/tests/conformance/query_wire.rs`: a case per operation taking a `#[query(flatten)]` struct, calling it
  with every field set, for the conformance test of the query parameter names sent.

Every Rust file is passed through `rustfmt --edition 2024`. The output depends only on the catalog, the
configuration and the generator, so running it twice gives identical files. The generator itself is the
package `codegen/heygen_codegen/`; its tests are `python3 -m unittest discover -s codegen/tests -t codegen`.

Usage:
    python3 codegen/generate.py            write the files
    python3 codegen/generate.py --check    exit 1 if a checked-in file differs from what would be written
    python3 codegen/generate.py --report   list the generated types and the free-form fields
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heygen_codegen.build import build, stale_fixtures  # noqa: E402
from heygen_codegen.paths import ROOT  # noqa: E402
from heygen_codegen.report import report  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is out of date")
    parser.add_argument("--report", action="store_true", help="list the generated types and free-form fields")
    args = parser.parse_args()

    files, models, operations = build()
    if args.report:
        report(models, operations)
        return 0
    if args.check:
        outdated = [p for p, text in files.items() if not p.is_file() or p.read_text() != text]
        outdated += stale_fixtures(files)
        for path in outdated:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        if outdated:
            print("run `python3 codegen/generate.py` to regenerate", file=sys.stderr)
            return 1
        return 0
    for path, text in files.items():
        if not path.is_file() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    for path in stale_fixtures(files):
        path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
