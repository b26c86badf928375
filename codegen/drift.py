#!/usr/bin/env python3
"""Lists how a HeyGen OpenAPI document differs from what the crate declares.

Run it when HeyGen publishes a new document:

    python3 codegen/drift.py path/to/openapi.json

It prints the operations the document has and the crate lacks, those the crate declares and the
document does not have, and, per operation both have, the fields, enum values, required-ness,
deprecations, JSON types and limits (`minLength`, `maximum`, ... where the document states them)
that differ, and an Idempotency-Key one side has and the other lacks. It exits 1 when there is any
difference, 0 when there is none, and 2 when it cannot read the document.

What the crate declares is read as data: the declared surface of `heygen_api::catalog` (by running
`cargo run -q -p heygen-api --example endpoints`, or from `--endpoints FILE`, that command's
output), and the generator's inputs for the models (`spec/operations.json` with the overlay of
`codegen/config/september.toml`, then `spec/extra-operations.json`). Only paths under `--prefix`
(`/v3/` by default) are compared. `--catalog-layout` reads facts vendored in the catalog's own
layout (`spec/extra-operations.json`) instead of an OpenAPI document.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heygen_codegen.build import read_catalog  # noqa: E402
from heygen_codegen.drift import as_json, catalog_as_openapi, compare, report  # noqa: E402
from heygen_codegen.paths import ROOT  # noqa: E402


def declared_endpoints(path: str | None) -> list[dict]:
    if path is not None:
        return json.loads(Path(path).read_text())
    command = ["cargo", "run", "-q", "-p", "heygen-api", "--example", "endpoints"]
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("document", help="an OpenAPI 3.0 or 3.1 document (JSON)")
    parser.add_argument("--endpoints", help="the declared endpoints as JSON (the `endpoints` example's output)")
    parser.add_argument("--prefix", default="/v3/", help="compare only paths starting with this")
    parser.add_argument("--json", action="store_true", help="print the differences as JSON")
    parser.add_argument(
        "--catalog-layout", action="store_true",
        help="the document is a list of operations in the layout of spec/operations.json (as the "
             "vendored facts of spec/extra-operations.json are), not an OpenAPI document",
    )
    args = parser.parse_args()

    try:
        document = json.loads(Path(args.document).read_text())
    except (OSError, ValueError) as error:
        print(f"drift: cannot read {args.document}: {error}", file=sys.stderr)
        return 2
    if args.catalog_layout:
        if not isinstance(document, list):
            print(f"drift: {args.document} is not a list of operations (the catalog's layout); "
                  "drop --catalog-layout for an OpenAPI document", file=sys.stderr)
            return 2
        document = catalog_as_openapi(document)
    elif not isinstance(document, dict) or "paths" not in document:
        hint = " (it is a list: pass --catalog-layout for the catalog's layout)" if isinstance(document, list) else ""
        print(f"drift: {args.document} is not an OpenAPI document with `paths`{hint}", file=sys.stderr)
        return 2
    drift = compare(document, declared_endpoints(args.endpoints), read_catalog(), args.prefix)
    print(as_json(drift) if args.json else report(drift), end="")
    return 1 if not drift.empty() else 0


if __name__ == "__main__":
    sys.exit(main())
