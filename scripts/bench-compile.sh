#!/usr/bin/env bash
# Compile-time cost of #[endpoint]: builds a synthetic crate of 200 endpoints declared with the
# macro and the same 200 written by hand against the runtime (dependencies prebuilt, only that
# crate's rustc timed, interleaved runs, medians) and prints the ratio.
#
# The work is done by the `compile_time` section of the `overhead` bench of `heygen-benches`,
# which `cargo bench --workspace` also runs; this script runs that section alone.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench -p heygen-benches --bench overhead -- compile_time "$@"
