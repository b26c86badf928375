"""The generator of heygen-api's API group modules, the models test and its fixtures.

`build.build()` reads the catalog and returns every generated file; `codegen/generate.py` is the command
line around it. The stages, one module each: `config` (what the catalog does not say), `schema` (reading
the catalog's schemas), `model` (the Rust types), `plan` (operations and where each type lives),
`render` (Rust text), `fixtures` (example bodies), `rustfmt`.
"""
