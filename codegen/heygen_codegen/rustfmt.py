"""Formatting generated Rust the way `cargo fmt` would."""

import subprocess

from .paths import ROOT


def rustfmt(text: str, what: str) -> str:
    """`text` passed through `rustfmt --edition 2024` (run from the workspace, so `rustfmt.toml` applies)."""
    result = subprocess.run(
        ["rustfmt", "--edition", "2024"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"rustfmt failed on {what}:\n{result.stderr}")
    return result.stdout
