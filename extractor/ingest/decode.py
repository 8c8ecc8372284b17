"""Bytes to text: BOMs, UTF-16 without a BOM, UTF-8, GB18030 (GBK), then charset-normalizer.

Never loses the file: a line that cannot be decoded is kept with replacement characters and a warning.
"""
from __future__ import annotations

import codecs

from ..errors import BinaryInputError, EmptyInputError
from ..schema import DraftWarning

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx or .xlsx?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_AUDIO = (b"ID3", b"RIFF", b"OggS", b"fLaC", b"\x1aE\xdf\xa3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")


def _looks_audio(data: bytes) -> bool:
    return data.startswith(_AUDIO) or data[4:8] == b"ftyp"


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, list[DraftWarning]]:
    """Decode a file's bytes to text with normalized line ends. Raises EmptyInputError/BinaryInputError."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyInputError(f"{name} is empty; give a chat log or transcript with some text in it")
    if _looks_audio(data):
        raise BinaryInputError(f"{name} looks like audio or video; the text path reads chat logs and transcripts "
                               f"(recordings need the audio extra: pip install 'minutes[audio]')")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"{name} is {what}, not text; export or paste the chat log as plain text")
    warnings: list[DraftWarning] = []
    text = _decode(data, name, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\v")
    if text and controls / len(text) > 0.05:
        raise BinaryInputError(f"{name} looks like a binary file, not text; give a chat log or transcript")
    return text, warnings


def _decode(data: bytes, name: str, warnings: list[DraftWarning]) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _lenient(data[3:], "utf-8", warnings)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _lenient(data, "utf-16", warnings)
    if b"\x00" in data:
        # UTF-16 without a BOM: NULs beside ASCII characters; Chinese text has few of them.
        encoding = _utf16_guess(data[:4000])
        if encoding is None:
            raise BinaryInputError(f"{name} looks like a binary file, not text; give a chat log or transcript")
        return _lenient(data, encoding, warnings)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # a detector failure is not the user's problem: fall back below
        best = None
    if best is not None and best.encoding:
        return _lenient(data, best.encoding, warnings)
    return _lenient(data, "utf-8", warnings)


def _readable(text: str) -> float:
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    return ok / len(text) if text else 0.0


def _utf16_guess(sample: bytes) -> str | None:
    """The UTF-16 byte order that gives readable text, if either does."""
    best, score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample[: len(sample) // 2 * 2].decode(encoding, errors="replace")
        r = _readable(text) - text.count("\ufffd") / max(1, len(text))
        if r > score:
            best, score = encoding, r
    return best if score >= 0.9 else None


def _lenient(data: bytes, encoding: str, warnings: list[DraftWarning]) -> str:
    """Decode, replacing undecodable bytes, and warn for each line that needed it."""
    text = data.decode(encoding, errors="replace")
    if "\ufffd" in text:
        for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
            if "\ufffd" in line:
                warnings.append(DraftWarning(code="decode", line=number,
                                             message=f"line {number} has bytes that are not {encoding}; "
                                                     f"they are shown as \ufffd"))
    return text
