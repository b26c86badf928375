"""Naming and doc-text helpers: Rust identifiers from wire names, and rustdoc text from schema descriptions."""

from __future__ import annotations

import re
import textwrap

from .config import CONFIG

RUST_KEYWORDS = {
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try",
}


def pascal(text: str) -> str:
    """`video_translation` -> `VideoTranslation`."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def singular(word: str) -> str:
    """English singular of a snake_case word's last part (`batches` -> `batch`)."""
    for plural, single in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("uses", "us")):
        if word.endswith(plural):
            return word[: -len(plural)] + single
    if word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """English plural of a snake_case word's last part (`glossary` -> `glossaries`)."""
    if word.endswith(("ss", "us")):
        return word + "es"
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    return word + "s"


def ident(name: str) -> str:
    """A Rust identifier for a wire name (`type` -> `r#type`)."""
    return f"r#{name}" if name in RUST_KEYWORDS else name


def variant_name(value: str) -> str:
    """The enum variant for a wire value."""
    name = CONFIG.variant_names.get(value) or pascal(value)
    if not name or not name[0].isalpha():
        raise SystemExit(f"no variant name for enum value {value!r}: add it to VARIANT_NAMES")
    return name


def humanize(name: str) -> str:
    """`first_name` -> `First name`."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


_INTERNAL_REFERENCE = re.compile(r"movio[./]|:class:")


def clean_doc(text: str | None) -> str:
    """Turns a schema description into rustdoc Markdown.

    Drops the paragraphs that point into HeyGen's own code base, turns reST ``literals`` into Markdown code
    spans, wraps inline JSON objects and `<placeholders>` in code spans (rustdoc would read them as HTML),
    and removes indentation that Markdown would turn into a code block (and rustdoc into a doctest).
    """
    if not text:
        return ""
    paragraphs: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.split("\n")]
        if any(_INTERNAL_REFERENCE.search(line) for line in lines):
            continue  # explains where a field comes from inside HeyGen's code base
        paragraphs.append(_join_lines(lines))
    out = "\n\n".join(p for p in paragraphs if p)
    out = re.sub(r"``([^`]+)``", r"`\1`", out)
    out = _code_spans(out)
    return out.strip()


def _join_lines(lines: list[str]) -> str:
    """Joins the hard-wrapped lines of a paragraph, keeping one line per list item (re-wrapped later)."""
    out: list[str] = []
    for line in lines:
        item = re.match(r"^([-*] |\d+\. )", line)
        if out and not item:
            out[-1] += " " + line
        else:
            if item and out and not re.match(r"^([-*] |\d+\. )", out[-1]):
                out.append("")  # a list is its own Markdown block
            out.append(line)
    return re.sub(r"(?<=\S)  +", " ", "\n".join(out))


def _code_spans(text: str) -> str:
    """Wraps JSON-looking objects, `<placeholders>` and bare URLs outside code spans in backticks."""
    parts = re.split(r"(`[^`]*`)", text)
    for i, part in enumerate(parts):
        if part.startswith("`"):
            continue
        # An object, with objects nested one level inside it (`{"words": [{"word": ...}]}`).
        part = re.sub(
            r"\{(?:[^{}]|\{[^{}]*\})*\}",
            lambda m: f"`{m.group(0)}`" if re.search(r"[\"']", m.group(0)) else m.group(0),
            part,
        )
        part = re.sub(r"<[a-z_][a-z0-9_]*>", lambda m: f"`{m.group(0)}`", part)
        part = re.sub(r"(?<![`<(])\bhttps?://[^\s)`'\"]+", lambda m: f"<{m.group(0)}>", part)
        parts[i] = part
    return "".join(parts)


def sentence(text: str) -> str:
    """A doc line that ends like a sentence."""
    text = text.strip()
    if text and text[-1] not in ".!?:" and not text.endswith("```"):
        text += "."
    return text


DOC_WIDTH = 100


def wrap(text: str, width: int) -> list[str]:
    """Wraps each line of a doc text to `width` columns, keeping list items and blank lines."""
    out: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.strip() or line.startswith("```"):
            out.append(line)
            continue
        bullet = re.match(r"^([-*] |\d+\. )", line)
        hang = " " * len(bullet.group(1)) if bullet else ""
        out += textwrap.wrap(
            line, width=width, subsequent_indent=hang, break_long_words=False, break_on_hyphens=False
        ) or [""]
    return out


def doc_lines(text: str, indent: str = "", prefix: str = "///") -> list[str]:
    """Doc comment lines for a doc text, wrapped to the line width."""
    width = max(40, DOC_WIDTH - len(indent) - len(prefix) - 1)
    return [f"{indent}{prefix}" + (f" {line}" if line else "") for line in wrap(text, width)]


def first_sentence(text: str) -> str:
    """The first sentence of a doc text, for setter docs."""
    first = text.split("\n\n")[0].replace("\n", " ")
    match = re.match(r"(.+?[.!?])(\s|$)", first)
    return (match.group(1) if match else first).strip()




def snake(name: str) -> str:
    """`AiClippingJob` -> `ai_clipping_job`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def singular_name(hint: str) -> str:
    """`CreateVideoBatchRequestVideos` -> `CreateVideoBatchRequestVideo`: the name of an array's items."""
    parts = re.findall(r"[A-Z][a-z0-9]*", hint)
    if not parts:
        return hint
    return "".join(parts[:-1]) + pascal(singular(parts[-1].lower()))


def json_literal(value) -> str:
    """A JSON default value as a doc code span."""
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"
