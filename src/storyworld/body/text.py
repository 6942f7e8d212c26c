"""Plain text: decoding, normalisation and paragraphs."""

from __future__ import annotations

import re
import unicodedata

from ..errors import Errors, InputError

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def decode_bytes(raw: bytes, *, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 by BOM, else the best coherent guess, else E004.

    A UTF-16 text with a lone surrogate or an odd last byte keeps its readable part: the bad code
    unit becomes U+FFFD, as it would in a browser."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a trafilatura dependency

    matches = list(from_bytes(raw))
    if not matches or matches[0].chaos > 0.2:
        raise InputError(Errors.E004.format(name=name), source=name)
    # Ties are common on short Latin-script text (cp1250, cp1252, cp1257 all decode "café" cleanly);
    # English news is our input, so Windows-1252 wins a tie.
    best = matches[0]
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
    return str(best)


# C1 control characters (U+0080–U+009F) in text are Windows-1252 punctuation read as Latin-1 ("HAMMOND,
# Ind. (AP) \x97 The …": an em dash, so the dateline was missed; gold-real dev4). Only this one class
# of mojibake is repaired here, so ftfy (which repairs many, and guesses) is not a dependency. Each
# becomes one character (0x81, 0x8d, 0x8f, 0x90, 0x9d, which Windows-1252 leaves undefined, a space),
# so offsets into the original stay valid.
_C1_TABLE = {code: char if (char := bytes([code]).decode("cp1252", errors="replace")) != "\ufffd" else " "
             for code in range(0x80, 0xA0)}


def repair_c1(text: str) -> str:
    """The text with its C1 control characters read as the Windows-1252 punctuation they were."""
    return text.translate(_C1_TABLE)


def normalize_text(text: str) -> str:
    text = repair_c1(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs split on blank lines; a text with none is split on single newlines."""
    parts = [p.strip() for p in _BLANKS.split(text) if p.strip()]
    if len(parts) == 1 and text.count("\n") >= 3:
        parts = [p.strip() for p in text.split("\n") if p.strip()]
    return [" ".join(p.split("\n")) if _is_wrapped(p) else p for p in parts]


def _is_wrapped(paragraph: str) -> bool:
    """Hard-wrapped prose (PDF copy, e-mail) joins back into one line; lists stay as they are."""
    lines = paragraph.split("\n")
    return len(lines) > 1 and not any(re.match(r"^\s*([-*•·]|\d+[.)])\s", line) for line in lines)
