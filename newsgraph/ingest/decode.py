"""Turn the bytes of an input into text, or say clearly why they are not text; clean control characters."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of common binary formats, so the error can say what the input is.
MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
# Characters that English news in a Western single-byte encoding plausibly holds outside ASCII.
WESTERN_SYMBOLS = set("£€¥¢©®°±·½¼¾§¶«»‘’‚“”„•–—…™¿¡×÷ºª²³¹µ\u00a0†‡‰‹›ˆ˜")
MAX_SNIFF_BYTES = 1_000_000
CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
_C0_C1 = [c for c in range(0x20)] + list(range(0x7F, 0xA0))
# --plain: same-length replacement, so offsets still refer to the input string itself.
_PLAIN_TABLE = {c: " " for c in _C0_C1 if chr(c) not in "\t\n\r"}
# Scraped text: line breaks normalised, other controls and invisible format characters dropped.
_SCRAPED_TABLE = {c: None for c in _C0_C1 if chr(c) not in "\t\n"}
_SCRAPED_TABLE.update({ord(c): "\n" for c in "\r\f\v\x85\u2028\u2029"})
_SCRAPED_TABLE.update({ord(c): None for c in "\u00ad\u200b\u2060\ufeff"})
_SCRAPED_TABLE.update({ord(c): " " for c in "\u00a0\u2007\u202f"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_CHANGES = re.compile("[" + "".join(re.escape(chr(c)) for c in _PLAIN_TABLE) + "]")
_SCRAPED_CHANGES = re.compile("[" + "".join(re.escape(chr(c)) for c in _SCRAPED_TABLE) + "]")
# A long unbroken run of punctuation (a wall of quotation marks) costs spaCy's tokenizer quadratic time.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{50,}")
KEPT_OF_PUNCTUATION_RUN = 3
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# cp1252 leaves five bytes undefined; Latin-1 maps every byte, so undefined ones fall back to it.
_CP1252_HIGH = {i: bytes([i]).decode("cp1252", errors="replace") for i in range(0x80, 0xA0)}
_CP1252_TABLE = {i: ch for i, ch in _CP1252_HIGH.items() if ch != "\ufffd"}


class NotText(ValueError):
    """The bytes are binary, empty or in no encoding we can recognise."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the length of the mark."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def binary_format(data: bytes) -> str | None:
    """What binary thing the bytes are ("PDF", "gzip data", "binary content"), or None for text."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" in head:
        return "binary content"
    controls = sum(1 for b in head if b < 32 and chr(b) not in CONTROL_OK)
    return "binary content" if controls > max(8, len(head) // 50) else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes; ``declared`` is a charset named by the container (HTTP header, meta tag).

    Order: byte-order mark; UTF-16 without a mark; binary refused; the declared charset when it fits;
    UTF-8; Windows-1252 when the result reads as Western text; else charset-normalizer's best guess.
    """
    if not data.strip():
        raise NotText("empty input")
    bom = bom_encoding(data)
    encoding = bom[0] if bom else _utf16_without_bom(data)
    if encoding:
        text = data[bom[1] if bom else 0 :].decode(encoding, errors="replace")
        if not text.strip():
            raise NotText("empty input")
        return text
    kind = binary_format(data)
    if kind:
        raise NotText(f"{kind}, not text")
    return _decode_single(data, declared)


def _decode_single(data: bytes, declared: str | None) -> str:
    text = _decode_declared(data, declared)
    if text is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = decode_cp1252(data)
    if reads_as_western(western):
        return western
    best = charset_normalizer.from_bytes(data[:MAX_SNIFF_BYTES]).best()
    if best is None or best.chaos > 0.3:
        raise NotText("undecodable bytes: not UTF-8 and no text encoding fits")
    return data.decode(best.encoding, errors="replace")


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # a page without a byte-order mark that claims UTF-16 is mislabelled (browsers ignore it)
    if name in ("latin-1", "iso8859-1", "ascii", "cp1252"):
        # Pages labelled Latin-1 or ASCII are often UTF-8 in fact; otherwise read as Windows-1252, as browsers do.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return decode_cp1252(data)
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_cp1252(data: bytes) -> str:
    """Windows-1252, with Latin-1 for the five bytes it leaves undefined (never fails)."""
    return data.decode("latin-1").translate(_CP1252_TABLE)


def reads_as_western(text: str) -> bool:
    """Mostly ASCII, and what is not ASCII is letters or the usual typographic symbols."""
    other = [ch for ch in text if ord(ch) > 127]
    if not other:
        return True
    if len(other) > 0.3 * len(text):
        return False
    plausible = sum(1 for ch in other if ch in WESTERN_SYMBOLS or unicodedata.category(ch).startswith("L"))
    return plausible >= 0.9 * len(other)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII-heavy text leaves every other byte zero."""
    head = data[:4096]
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def clean_plain(text: str) -> str:
    """Text for --plain: same length as the input, control characters (not tabs or line breaks) as spaces."""
    if _PLAIN_CHANGES.search(text):  # searching first is far faster than translating clean text
        text = text.translate(_PLAIN_TABLE)
    return _SURROGATE.sub("\ufffd", text) if _has_surrogate(text) else text


def clean_scraped(text: str) -> str:
    """Text for reading a page: line breaks as \\n, control and invisible format characters removed,
    runs of 50 or more punctuation characters cut to their first three."""
    if _SCRAPED_CHANGES.search(text):
        text = text.replace("\r\n", "\n").translate(_SCRAPED_TABLE)
    text = _PUNCTUATION_RUN.sub(lambda m: m.group(0)[:KEPT_OF_PUNCTUATION_RUN], text)
    return _SURROGATE.sub("\ufffd", text) if _has_surrogate(text) else text


def clean_field(value: object, limit: int = 1000) -> str | None:
    """A metadata value (title, outlet, author) as one clean line, or None when empty."""
    if value is None:
        return None
    text = " ".join(clean_scraped(str(value)).split())[:limit]
    return text or None


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None
