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
# "[.!?]...|\n"); `gap` is the blank run after . ! ?, a line break is its own gap.
_SENTENCE_END = re.compile(rf"[.!?\n](?:(?<=[.!?]){_AFTER_STOP}|(?<=\n))")
# Words, double quotes and sentence ends in one pass. No kind of token can start inside
# another, so the sentence ends found are exactly those of `_SENTENCE_END`, in order.
_TOKEN = re.compile(rf"\w+|\"|[.!?]{_AFTER_STOP.replace('?P<gap>', '?:')}|\n")


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


# A token's code (`_token_code`): a word's 20-bit term id, or `_STOP`, with flags above it.
_STOP = 1 << 20  # no term: a stop word, or not a word
_CAPITALISED = 1 << 21
_NUMERIC = 1 << 22
_QUOTE = 1 << 23  # a double quote, or a sentence end that closes one
_END = 1 << 24  # a sentence end after . ! ?
_NEWLINE = 1 << 25  # a line break: ends the sentence and the paragraph
_NOT_WORD = _QUOTE | _END | _NEWLINE


@lru_cache(maxsize=1 << 16)
def _token_code(token: str) -> int:
    """Code of a `_TOKEN` match: pure, so the bounded cache only saves time (news vocabulary is
    Zipfian: most words of an article were seen before)."""
    if token == '"':
        return _STOP | _QUOTE
    if token == "\n":
        return _STOP | _NEWLINE
    if token[0] in ".!?":
        return _STOP | _END | (_QUOTE if '"' in token else 0)
    term = fold_term(token)
    return (
        (_STOP if term is None else term_id(term))
        | (_CAPITALISED if token[0].isupper() else 0)
        | (_NUMERIC if any(ch.isdigit() for ch in token) else 0)
    )


@dataclass(frozen=True)
class SentenceTerms:
    """`split_sentences` as flat arrays: what the similarity profile needs, without a Python
    object per sentence. Sentences without words are left out, as there."""

    starts: list[int]  # character span of each sentence
    ends: list[int]
    words: np.ndarray  # int64 word count of each sentence
    term_ids: np.ndarray  # uint32 term ids of the content words, sentence by sentence, in order
    term_sentences: np.ndarray  # int64 sentence index of each term
    anchor: np.ndarray  # bool: the term is an anchor


_NO_TERMS = np.zeros(0, dtype=np.uint32)


def sentence_terms(text: str) -> SentenceTerms:
    """Sentences of a plain-text article (one paragraph a line), with their term ids and anchors.

    An anchor is a number, a content word inside double quotes, or a capitalised word that is
    not the first of its sentence; a sentence-initial one counts when the article capitalises
    it elsewhere too or the next word is capitalised ("Philp added", "Prime Minister ...").
    """
    if not text.isascii():
        text = _DOUBLE_QUOTES.sub('"', text)
    tokens = _TOKEN.findall(text)
    codes = np.fromiter(map(_token_code, tokens), dtype=np.int64, count=len(tokens))
    is_word = (codes & _NOT_WORD) == 0
    if not is_word.any():
        empty = np.zeros(0, dtype=np.int64)
        return SentenceTerms([], [], empty, _NO_TERMS, empty, np.zeros(0, dtype=bool))
    # Span k of the text runs up to the k-th sentence end; the quote state flips at each double
    # quote and is reset by a line break (a quote may span sentences, not paragraphs).
    span = np.cumsum((codes & (_END | _NEWLINE)) != 0)
    flips = np.cumsum((codes & _QUOTE) != 0)
    quoted = ((flips - np.maximum.accumulate(np.where(codes & _NEWLINE, flips, 0))) & 1).astype(bool)
    word_at = np.flatnonzero(is_word)
    codes, span, quoted = codes[word_at], span[word_at], quoted[word_at]

    first = np.ones(len(codes), dtype=bool)  # first word of its sentence
    first[1:] = span[1:] != span[:-1]
    sentence_of = np.cumsum(first) - 1
    first_at = np.flatnonzero(first)
    counts = np.diff(first_at, append=len(codes))
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
        seen: dict[str, bool] = {}
        for index in unsure.tolist():
            word = tokens[word_at[index]]
            if word not in seen:
                seen[word] = _capitalised_mid_sentence(text, word)
            anchor[index] = seen[word]

    bounds: list[tuple[int, int]] = []  # (start, end) of each span
    start = 0
    for end in _SENTENCE_END.finditer(text):
        gap_start = end.start("gap")
        bounds.append((start, gap_start if gap_start >= 0 else end.start()))
        start = end.end()
    bounds.append((start, len(text)))
    sentence_bounds = [bounds[index] for index in span[first_at].tolist()]
    return SentenceTerms(
        starts=[start for start, _ in sentence_bounds],
        ends=[end for _, end in sentence_bounds],
        words=counts,
        term_ids=(codes[is_term] & TERM_MASK).astype(np.uint32),
        term_sentences=sentence_of[is_term],
        anchor=anchor[is_term],
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
    for index, (start, end, words) in enumerate(zip(found.starts, found.ends, found.words.tolist())):
        terms = term_ids[bounds[index] : bounds[index + 1]]
        anchors = [term for term, flag in zip(terms, anchor[bounds[index] : bounds[index + 1]]) if flag]
        sentences.append(Sentence(start, end, words, tuple(terms), tuple(anchors)))
    return sentences
