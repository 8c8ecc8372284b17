"""Bytes to text: BOMs, UTF-16 without a BOM, UTF-8, GB18030 (GBK), then charset-normalizer.

Never loses the file: a line that cannot be decoded is kept with replacement characters and a warning
(code "decode"). Line ends are normalized (\\r\\n and \\r become \\n) so that line numbers match what a text
editor shows.
"""
from __future__ import annotations

import codecs
import logging

from ..errors import BinaryInputError, EmptyInputError
from ..schema import DraftWarning

log = logging.getLogger(__name__)

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx or .xlsx?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"BM": None,  # a BMP image only with its header fields, see _binary_kind
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"{\\rtf": "an RTF document",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7z archive",
    b"Rar!": "a RAR archive",
    b"\x7fELF": "a program",
    b"MZ": None,  # a Windows program only when NULs follow, see _binary_kind
    b"SQLite format 3\x00": "an SQLite database",
}
_AUDIO = (b"ID3", b"RIFF", b"OggS", b"fLaC", b"\x1aE\xdf\xa3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2",
          b"\xff\xf1", b"\xff\xf9", b"#!AMR", b"#!SILK", b"\x02#!SILK", b"FLV", b"0&\xb2u\x8ef\xcf\x11")
# Share of U+FFFD among decoded non-ASCII characters below which a UTF-8 file with a few bad bytes is
# still read as UTF-8 (GBK bytes read as UTF-8 give mostly U+FFFD).
_UTF8_DAMAGE = 0.05


def _looks_audio(data: bytes) -> bool:
    return data.startswith(_AUDIO) or data[4:8] == b"ftyp"


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            if what is None:  # short magics that could start a text file ("BM…", "MZ…")
                return "a binary file" if b"\x00" in data[:64] else None
            return what
    return None


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, list[DraftWarning]]:
    """Decode a file's bytes to text with normalized line ends.

    Raises EmptyInputError for an empty (or whitespace-only) file and BinaryInputError for anything that
    is not text: a document, an image, an archive, audio or video (which names the audio path).
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe\x0b\x0c"):
        raise EmptyInputError(f"{name} is empty; give a chat log or transcript with some text in it")
    if _looks_audio(data):
        raise BinaryInputError(f"{name} looks like audio or video, not text; recordings need the audio extra "
                               f"(pip install 'minutes[audio]') and then `minutes transcribe {name}`")
    what = _binary_kind(data)
    if what is not None:
        raise BinaryInputError(f"{name} is {what}, not text; export or paste the chat log as plain text")
    raw, encoding = _decode(data, name)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text[1:] if text.startswith("\ufeff") else text
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\v")
    if text and controls / len(text) > 0.05:
        raise BinaryInputError(f"{name} looks like a binary file, not text; give a chat log or transcript")
    if not text.strip():
        raise EmptyInputError(f"{name} is empty; give a chat log or transcript with some text in it")
    return text, _damage_warnings(text, encoding)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of `data` and the encoding it was read in; undecodable bytes become U+FFFD."""
    if data.startswith(codecs.BOM_UTF8):
        return _use(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _use(data, "utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _use(data, "utf-16")
    if b"\x00" in data:
        # UTF-16 without a BOM: NULs beside ASCII characters (newlines at least).
        encoding = _utf16_guess(data[:4000])
        if encoding is None:
            raise BinaryInputError(f"{name} looks like a binary file, not text; give a chat log or transcript")
        return _use(data, encoding)
    try:
        return _use(data, "utf-8", strict=True)
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    non_ascii = sum(1 for ch in lenient if ord(ch) > 127)
    if bad <= _UTF8_DAMAGE * non_ascii:
        log.info("%s: UTF-8 with %d undecodable byte run(s)", name, bad)
        return _use(data, "utf-8")
    try:
        return _use(data, "gb18030", strict=True)
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # a detector failure is not the user's problem: fall back below  # noqa: BLE001
        best = None
    if best is not None and best.encoding:
        try:
            return _use(data, best.encoding)
        except LookupError:
            pass
    return _use(data, "gb18030" if bad > non_ascii / 2 else "utf-8")


def _use(data: bytes, encoding: str, strict: bool = False) -> tuple[str, str]:
    return data.decode(encoding, errors="strict" if strict else "replace"), encoding


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


def _damage_warnings(text: str, encoding: str) -> list[DraftWarning]:
    """One warning per line that holds replacement characters from decoding."""
    if "\ufffd" not in text:
        return []
    return [DraftWarning(code="decode", line=number,
                         message=f"line {number} has bytes that are not {encoding}; they are shown as \ufffd")
            for number, line in enumerate(text.split("\n"), start=1) if "\ufffd" in line]
