"""Rendering Rust text from the planned model, one module per kind of generated file."""
