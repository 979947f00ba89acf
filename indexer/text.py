"""Text normalisation and tokenisation shared by every fingerprint.

Everything that decides whether two bodies are "the same" goes through `normalize`, so its
behaviour is part of the stored-data config (`IndexConfig.normalization`): change it and
bump that version.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import xxhash

NORMALIZATION_VERSION = 1

# Typographic variants that scrapers and CMSs swap freely; mapped to one ASCII form.
_CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2039": "'",
    "\u203a": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
}
_TOKEN = re.compile(r"\w+")
# What sites put between a headline and their name in a page title ("Headline | Site").
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " // ")


def normalize(text: str) -> str:
    """Fold case, Unicode forms, quote and dash styles and whitespace; idempotent."""
    if text.isascii():
        # ASCII is already NFKC and has no typographic variants but the backtick.
        return " ".join(text.replace("`", "'").lower().split())
    text = unicodedata.normalize("NFKC", text)
    # A replace per variant present is ~4x faster than a regex or str.translate with a dict.
    for variant, folded in _CHAR_MAP.items():
        if variant in text:
            text = text.replace(variant, folded)
    # casefold can produce decomposed forms (e.g. "İ"), so compose once more.
    return " ".join(unicodedata.normalize("NFKC", text.casefold()).split())


# Bytes that are not ASCII word characters, for the fast tokeniser below.
_ASCII_NON_WORD = bytes(
    b if (chr(b).isalnum() or b == ord("_")) and b < 128 else ord(" ") for b in range(256)
)


def tokenize(normalized: str) -> list[str]:
    """Word tokens of an already normalised text."""
    return _TOKEN.findall(normalized)


def token_bytes(normalized: str) -> list[bytes]:
    """The same tokens as `tokenize`, UTF-8 encoded; ASCII text skips the regex entirely."""
    if normalized.isascii():
        return normalized.encode("ascii").translate(_ASCII_NON_WORD).split()
    return [token.encode("utf-8") for token in _TOKEN.findall(normalized)]


WORD_TABLE_MIN_SLOTS, WORD_TABLE_SLOT_BYTES = 1024, 16


def word_table(words: Iterable[str]) -> bytes:
    """A set of short ASCII words for the C kernels (`_word_table.h`): open addressing over a
    power of two of slots of 16 bytes (the word, NUL-padded), at most a third of them filled so a
    miss ends in a probe or two, each word in the first free slot from xxh32(word) % slots on."""
    words = sorted(words)
    slots = max(WORD_TABLE_MIN_SLOTS, 1 << (3 * len(words)).bit_length())
    table = bytearray(slots * WORD_TABLE_SLOT_BYTES)
    for word in words:
        raw = word.encode("ascii")
        if not 0 < len(raw) < WORD_TABLE_SLOT_BYTES:
            raise ValueError(f"{word!r}: a table word has 1 to {WORD_TABLE_SLOT_BYTES - 1} characters")
        slot = xxhash.xxh32_intdigest(raw) % slots
        while table[slot * WORD_TABLE_SLOT_BYTES]:
            slot = (slot + 1) % slots
        table[slot * WORD_TABLE_SLOT_BYTES : slot * WORD_TABLE_SLOT_BYTES + len(raw)] = raw
    return bytes(table)
