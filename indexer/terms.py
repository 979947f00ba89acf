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
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?(?P<gap>[ \t]+)(?=[\"'(\[]?[A-Z0-9])|(?P<gap_nl>\n)")
_WORD = re.compile(r"\w+")
# A capitalised word after a lower-case word, digit or comma: mid-sentence, so a name.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;:] )[A-Z]\w*")


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


@lru_cache(maxsize=1 << 16)
def _lexeme(word: str) -> tuple[int | None, bool, bool]:
    """(term id or None for a stop word, capitalised, contains a digit) of a raw word."""
    term = fold_term(word)
    return (None if term is None else term_id(term)), word[0].isupper(), any(ch.isdigit() for ch in word)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a plain-text article (one paragraph a line), with their term ids and anchors.

    An anchor is a number, a content word inside double quotes, or a capitalised word that is
    not the first of its sentence; a sentence-initial one counts when the article capitalises
    it elsewhere too or the next word is capitalised ("Philp added", "Prime Minister ...").
    """
    text = _DOUBLE_QUOTES.sub('"', text)
    spans: list[tuple[int, int, bool]] = []  # (start, end, starts a paragraph)
    start, new_paragraph = 0, True
    for end in _SENTENCE_END.finditer(text):
        gap = "gap" if end.group("gap") else "gap_nl"
        spans.append((start, end.start(gap), new_paragraph))
        start, new_paragraph = end.end(gap), gap == "gap_nl"
    spans.append((start, len(text), new_paragraph))

    tokenised: list[tuple[int, int, list[tuple[list[str], bool]]]] = []
    names = set(_MID_SENTENCE_CAPITAL.findall(text))  # names wherever they stand, sentence starts too
    in_quote = False
    for start, end, new_paragraph in spans:
        in_quote = in_quote and not new_paragraph  # a quote may span sentences, not paragraphs
        segments: list[tuple[list[str], bool]] = []  # runs of words between double quotes
        for index, segment in enumerate(text[start:end].split('"')):
            if index:
                in_quote = not in_quote
            words = _WORD.findall(segment)
            if words:
                segments.append((words, in_quote))
        if segments:
            tokenised.append((start, end, segments))
    return [_sentence(start, end, segments, names) for start, end, segments in tokenised]


def _sentence(start: int, end: int, segments: list[tuple[list[str], bool]], names: set[str]) -> Sentence:
    terms: list[int] = []
    anchors: list[int] = []
    words_seen = 0
    for words, quoted in segments:
        for word in words:
            term, capitalised, numeric = _lexeme(word)
            words_seen += 1
            if term is None:
                continue
            terms.append(term)
            is_name = capitalised and (words_seen > 1 or word in names or _second_word_capitalised(segments))
            if quoted or numeric or is_name:
                anchors.append(term)
    return Sentence(start, end, words_seen, tuple(terms), tuple(anchors))


def _second_word_capitalised(segments: list[tuple[list[str], bool]]) -> bool:
    words = [word for words, _ in segments[:2] for word in words][:2]
    return len(words) == 2 and words[1][0].isupper()
