"""Hashed terms, salient tokens and sentences of an article, as the similarity layer sees them.

Shingles miss reworded copies, so the similarity layer works on single words. Two kinds matter:

- *terms*: content words (stop words dropped, plurals folded) hashed into `TERM_SPACE`, the
  vocabulary of the TF-IDF cosine and of the document-frequency table the store keeps;
- *anchors*: the words a rewriter leaves alone because changing them would change the facts:
  names, numbers and the words of direct quotes. A spun copy keeps its anchors in the same
  sentences and the same order; an independent report shares some anchors, scattered.

Case decides what is a name, so this module tokenises the raw text itself (the same word
tokens as `indexer.text`, then casefolded per word) instead of the casefolded `normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from indexer.sorted_arrays import distinct, run_starts
from indexer.text import word_table

try:
    from indexer import _sentences as native
except ImportError:  # installed without a C compiler: the numpy path, same results
    native = None

TERM_SPACE = 2**20
TERM_MASK = TERM_SPACE - 1

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset({"s", "t", "said", "says", "mr", "mrs", "ms"})

# Only double quotes matter here (they delimit quotations); typographic variants fold to '"'.
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
# A sentence ends at a line break, or after . ! ? (and maybe a closing quote or bracket) when
# blanks and an upper-case letter, digit or opening quote follow. "Mr. Smith" splits wrongly;
# rare in news bodies, and one extra sentence costs little.
_AFTER_STOP = r"[\"')\]]?(?P<gap>[ \t]+)(?=[\"'(\[]?[A-Z0-9])"
# Spelt with one leading character set, so `re` skips ahead to candidates (3x faster than
# "[.!?]...|\n"); `gap` is the blank run after . ! ?, a line break is its own gap. All ASCII, so
# it finds the same ends in the UTF-8 bytes of a text.
_SENTENCE_END = re.compile(rf"[.!?\n](?:(?<=[.!?]){_AFTER_STOP}|(?<=\n))".encode())

# Words are runs of `\w` characters, as `re` has them: ASCII letters, digits and "_", and every
# other character that `str.isalnum`. `_fold_non_ascii` turns each non-ASCII character that is
# not one into a blank-like "\x01" (one character for one, so offsets stand), after which a word
# is a run of the bytes below in the UTF-8 text, and `bytes.split` after one `translate` finds
# the words 4x faster than `re.findall(r"\w+")`.
_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz") | frozenset(
    range(128, 256)
)
_BLANK_NON_WORD = bytes(byte if byte in _WORD_BYTES else 0x20 for byte in range(256))
_IS_WORD_BYTE = np.array([byte in _WORD_BYTES for byte in range(256)])
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its character span, word count, content terms and anchor terms."""

    start: int
    end: int
    words: int
    terms: tuple[int, ...]  # term ids of the content words, in order
    anchors: tuple[int, ...]  # term ids of the anchor words, in order


@lru_cache(maxsize=1 << 16)
def term_id(term: str) -> int:
    """Stable hash of a folded term into `TERM_SPACE` (process-independent, unlike `hash`)."""
    return xxhash.xxh32_intdigest(term.encode("utf-8")) & TERM_MASK


@lru_cache(maxsize=1 << 16)
def fold_term(word: str) -> str | None:
    """Casefolded word with plural/possessive folded ("victims" meets "victim"); None for stop words."""
    word = unicodedata.normalize("NFKC", word).casefold()
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word in STOP_WORDS or len(word) < 2:
        return None
    return word


# A word's code (`_word_codes`): its 20-bit term id, or `_STOP`, with flags above it.
_STOP = 1 << 20  # a stop word: no term
_CAPITALISED = 1 << 21
_NUMERIC = 1 << 22


def _word_code(word: bytes) -> int:
    """Code of a word (UTF-8)."""
    text = word.decode()
    term = fold_term(text)
    return (
        (_STOP if term is None else term_id(term))
        | (_CAPITALISED if text[0].isupper() else 0)
        | (_NUMERIC if any(ch.isdigit() for ch in text) else 0)
    )


# Codes of the words seen so far. News vocabulary is Zipfian, so nearly every word of an article
# is here already, and a plain dict looked up by `map` is 3x faster than an `lru_cache`. The codes
# are pure, so the cache changes only speed; it is emptied when it reaches `_MAX_CODES`.
_CODES: dict[bytes, int] = {}
_MAX_CODES = 1 << 17


def _word_codes(words: list[bytes]) -> np.ndarray:
    codes = list(map(_CODES.get, words))
    try:
        return np.fromiter(codes, dtype=np.int64, count=len(codes))
    except TypeError:  # a None: some words are new (cheaper to learn so than by `None in codes`)
        for index, code in enumerate(codes):
            if code is None:
                codes[index] = _cached_word_code(words[index])
        return np.fromiter(codes, dtype=np.int64, count=len(codes))


def _cached_word_code(word: bytes) -> int:
    code = _CODES.get(word)
    if code is None:
        if len(_CODES) >= _MAX_CODES:
            _CODES.clear()
        code = _CODES[word] = _word_code(word)
    return code


_STOP_TABLE = word_table(STOP_WORDS)


def _text_codes(data: bytes) -> np.ndarray:
    """The code of each word of `data` (UTF-8, non-word characters already folded to "\x01")."""
    if native is not None:
        codes = native.word_codes(
            data, _STOP_TABLE, _STOP, _CAPITALISED, _NUMERIC, TERM_MASK, _cached_word_code
        )
        return np.frombuffer(codes, dtype=np.int64)
    return _word_codes(data.translate(_BLANK_NON_WORD).split())


# The non-ASCII characters news text is full of, folded without looking for them first.
_COMMON_FOLDS = tuple((char, '"') for char in "\u201c\u201d") + tuple(
    (char, "\x01") for char in "\u00a3\u2019\u2018\u2013\u2014\u00a0\u20ac\u2026"
)


def _fold_non_ascii(text: str) -> str:
    """Typographic double quotes to '"', every other non-ASCII character that is not a word
    character to "\x01" (which nothing here matches, as nothing matched the character)."""
    for char, folded in _COMMON_FOLDS:
        text = text.replace(char, folded)
    if not text.isascii():
        for char in set(_NON_ASCII.findall(text)):
            if _DOUBLE_QUOTES.match(char):
                text = text.replace(char, '"')
            elif not char.isalnum():
                text = text.replace(char, "\x01")
    return text


# A figure as written: digits with the separators that hold one figure together ("4.5", "3/8",
# "10:30"; thousands separators are dropped first); a trailing stop is not part of it. A hyphen
# separates ("6-3/8" is 6 and 3/8, "30-69" two bounds, "24-year-old" keeps its 24 whatever the
# rest becomes).
_FIGURE = re.compile(rb"\d+(?:[./:]\d+)*")


def figures(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the whole figures in a text, sorted ("2,500,000" meets "2500000").

    The word tokens split "6-3/8" into "6", "3" and "8", which every rate table shares; templated
    wire items (weekly rates, monthly statistics) differ exactly in their whole figures.
    """
    if native is not None:
        return distinct(np.frombuffer(native.figure_hashes(text.encode()), dtype=np.uint32))
    found = _FIGURE.findall(text.encode().replace(b",", b""))
    return distinct(np.fromiter(map(xxhash.xxh32_intdigest, found), dtype=np.uint32, count=len(found)))


def content_terms(text: str) -> np.ndarray:
    """Term ids (uint32) of a text's content words, in order: `sentence_terms(text).term_ids`."""
    if not text.isascii():
        text = _fold_non_ascii(text)
    codes = _text_codes(text.encode())
    return (codes[(codes & _STOP) == 0] & TERM_MASK).astype(np.uint32)


@dataclass(frozen=True)
class SentenceTerms:
    """`split_sentences` as flat arrays: what the similarity profile needs, without a Python
    object per sentence. Sentences without words are left out, as there."""

    starts: np.ndarray  # int64 character span of each sentence
    ends: np.ndarray
    words: np.ndarray  # int64 word count of each sentence
    term_ids: np.ndarray  # uint32 term ids of the content words, sentence by sentence, in order
    term_sentences: np.ndarray  # int64 sentence index of each term
    anchor: np.ndarray  # bool: the term is an anchor
    numeric: np.ndarray  # bool: the term holds a digit


def _read_only(dtype: type) -> np.ndarray:
    empty = np.zeros(0, dtype=dtype)
    empty.setflags(write=False)
    return empty


_NO_SENTENCES = SentenceTerms(
    *(_read_only(t) for t in (np.int64, np.int64, np.int64, np.uint32, np.int64, bool, bool))
)


def sentence_terms(text: str) -> SentenceTerms:
    """Sentences of a plain-text article (one paragraph a line), with their term ids and anchors.

    An anchor is a number, a content word inside double quotes, or a capitalised word that is
    not the first of its sentence; a sentence-initial one counts when the article capitalises
    it elsewhere too or the next word is capitalised ("Philp added", "Prime Minister ...").
    """
    if not text.isascii():
        text = _fold_non_ascii(text)
    data = text.encode()
    if native is not None:
        codes = _text_codes(data)
        return _native_sentence_terms(text, data, codes) if len(codes) else _NO_SENTENCES
    words = data.translate(_BLANK_NON_WORD).split()
    return _numpy_sentence_terms(text, data, words, _word_codes(words)) if words else _NO_SENTENCES


def _native_sentence_terms(text: str, data: bytes, codes: np.ndarray) -> SentenceTerms:
    starts, ends, counts, term_ids, term_sentences, anchor, numeric, unsure_words, unsure_terms = (
        native.layout(data, codes, _STOP, _CAPITALISED, _NUMERIC, TERM_MASK)
    )
    anchor = np.frombuffer(anchor, dtype=bool)
    if unsure_terms:
        anchor[unsure_terms] = _names_among(text, unsure_words)
    return SentenceTerms(
        starts=np.frombuffer(starts, dtype=np.int64),
        ends=np.frombuffer(ends, dtype=np.int64),
        words=np.frombuffer(counts, dtype=np.int64),
        term_ids=np.frombuffer(term_ids, dtype=np.uint32),
        term_sentences=np.frombuffer(term_sentences, dtype=np.int64),
        anchor=anchor,
        numeric=np.frombuffer(numeric, dtype=bool),
    )


def _names_among(text: str, words: list[bytes]) -> list[bool]:
    """Whether each of these sentence-initial capitalised words is a name: the article
    capitalises it mid-sentence somewhere."""
    seen: dict[bytes, bool] = {}
    for word in words:
        if word not in seen:
            seen[word] = _capitalised_mid_sentence(text, word.decode())
    return [seen[word] for word in words]


def _numpy_sentence_terms(text: str, data: bytes, words: list[bytes], codes: np.ndarray) -> SentenceTerms:
    """`sentence_terms` without the C kernel (an install without a compiler), same results."""
    array = np.frombuffer(data, dtype=np.uint8)
    word_byte = _IS_WORD_BYTE[array]
    opens_word = word_byte.copy()
    opens_word[1:] &= ~word_byte[:-1]
    word_starts = np.flatnonzero(opens_word)  # byte offset of each word

    # Span k of the text ends at the k-th sentence end; the quote state flips at each double
    # quote and is reset by a line break (a quote may span sentences, not paragraphs).
    span_starts, span_ends = [0], []
    for end in _SENTENCE_END.finditer(data):
        gap = end.start("gap")
        span_ends.append(gap if gap >= 0 else end.start())
        span_starts.append(end.end())
    span_ends.append(len(data))
    span = np.searchsorted(np.array(span_starts[1:], dtype=np.int64), word_starts, side="right")
    quotes = np.flatnonzero(array == 0x22)
    if len(quotes):
        line_breaks = np.flatnonzero(array == 0x0A)
        at_line_start = np.concatenate(([0], np.searchsorted(quotes, line_breaks)))
        flips = np.searchsorted(quotes, word_starts)
        quoted = ((flips - at_line_start[np.searchsorted(line_breaks, word_starts)]) & 1).astype(bool)
    else:
        quoted = np.zeros(len(words), dtype=bool)

    first = np.ones(len(codes), dtype=bool)  # first word of its sentence
    first[1:] = span[1:] != span[:-1]
    sentence_of = np.cumsum(first) - 1
    first_at = np.flatnonzero(first)
    counts = np.bincount(sentence_of)
    capitalised = (codes & _CAPITALISED) != 0
    is_term = (codes & _STOP) == 0
    anchor = quoted | ((codes & _NUMERIC) != 0) | (capitalised & ~first)
    # A capitalised content word opening a sentence is a name when the next word is capitalised
    # too, or the article capitalises it mid-sentence somewhere.
    second_capitalised = np.zeros(len(first_at), dtype=bool)
    second_capitalised[counts > 1] = capitalised[first_at[counts > 1] + 1]
    anchor[first_at] |= capitalised[first_at] & second_capitalised
    unsure = first_at[capitalised[first_at] & is_term[first_at] & ~anchor[first_at]]
    if len(unsure):
        anchor[unsure] = _names_among(text, [words[index] for index in unsure.tolist()])

    kept_spans = span[first_at]
    bounds = np.array([span_starts, span_ends], dtype=np.int64)[:, kept_spans]
    if len(data) != len(text):  # byte offsets to character offsets
        continuation = np.concatenate(([0], np.cumsum((array & 0xC0) == 0x80)))
        bounds -= continuation[bounds]
    return SentenceTerms(
        starts=bounds[0],
        ends=bounds[1],
        words=counts,
        term_ids=(codes[is_term] & TERM_MASK).astype(np.uint32),
        term_sentences=sentence_of[is_term],
        anchor=anchor[is_term],
        numeric=((codes & _NUMERIC) != 0)[is_term],
    )


def top_terms(
    term_ids: np.ndarray,
    term_sentences: np.ndarray,
    anchor: np.ndarray,
    *,
    top: int,
    anchor_boost: float,
    anchors_per_sentence: int,
    anchor_mask: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What a similarity profile keeps of `sentence_terms`' terms (sentence-ordered):

    - the `top` heaviest distinct terms (weight: count, times `anchor_boost` when the term is an
      anchor anywhere; ties by the lower id), sorted by id (uint32), with their counts capped at
      255 (uint8);
    - per sentence, its distinct anchor hashes (id & `anchor_mask`, uint16), lowest first, at most
      `anchors_per_sentence`, and the sentence of each (int64).
    """
    if native is not None:
        ids, counts, anchors, sentences = native.top_terms(
            term_ids, term_sentences, anchor, top, anchor_boost, anchors_per_sentence, anchor_mask
        )
        return (
            np.frombuffer(ids, dtype=np.uint32),
            np.frombuffer(counts, dtype=np.uint8),
            np.frombuffer(anchors, dtype=np.uint16),
            np.frombuffer(sentences, dtype=np.int64),
        )
    # Without the C kernel, the same with numpy. Per sentence, its distinct anchor hashes, lowest
    # first, at most `anchors_per_sentence`.
    keys = np.sort((term_sentences[anchor] << 16) | (term_ids[anchor] & anchor_mask))
    keys = keys[run_starts(keys)]
    anchor_sentences = keys >> 16
    first_few = (
        np.arange(len(keys)) - np.searchsorted(anchor_sentences, anchor_sentences) < anchors_per_sentence
    )
    # Distinct terms, their counts, and whether they are anchors anywhere: sorted by (term, not
    # an anchor), the first entry of a term says.
    entries = np.sort((term_ids.astype(np.int64) << 1) | ~anchor)
    starts = run_starts(entries >> 1)
    terms = (entries[starts] >> 1).astype(np.uint32)
    counts = np.diff(np.append(starts, len(entries)))
    weight = counts * np.where(entries[starts] & 1, 1.0, anchor_boost)
    heaviest = np.sort(np.lexsort((terms, -weight))[:top])  # ties by id; kept id-sorted
    return (
        terms[heaviest],
        np.minimum(counts[heaviest], 255).astype(np.uint8),
        (keys[first_few] & anchor_mask).astype(np.uint16),
        anchor_sentences[first_few],
    )


_BEFORE_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789,;:")


def _capitalised_mid_sentence(text: str, word: str) -> bool:
    """Whether `word` stands in `text` after a lower-case word, digit or comma and a blank: the
    regex `(?<=[a-z0-9,;:] )[A-Z]\\w*` would find it, asked only for the few words it matters for."""
    if not "A" <= word[0] <= "Z":
        return False
    size = len(word)
    at = text.find(word, 2)
    while at >= 0:
        after = text[at + size : at + size + 1]
        if text[at - 1] == " " and text[at - 2] in _BEFORE_NAME and not (after.isalnum() or after == "_"):
            return True
        at = text.find(word, at + 1)
    return False


def split_sentences(text: str) -> list[Sentence]:
    """`sentence_terms` as one `Sentence` per sentence (see there for what an anchor is)."""
    found = sentence_terms(text)
    bounds = np.searchsorted(found.term_sentences, np.arange(len(found.starts) + 1)).tolist()
    term_ids = found.term_ids.tolist()
    anchor = found.anchor.tolist()
    sentences = []
    spans = zip(found.starts.tolist(), found.ends.tolist(), found.words.tolist())
    for index, (start, end, words) in enumerate(spans):
        terms = term_ids[bounds[index] : bounds[index + 1]]
        anchors = [term for term, flag in zip(terms, anchor[bounds[index] : bounds[index + 1]]) if flag]
        sentences.append(Sentence(start, end, words, tuple(terms), tuple(anchors)))
    return sentences
