"""Loaders for the copy-detection benchmark's real news corpora, and their known duplicate groups.

The data is research-only and read in place from /work/shared/data (never copied into the repo):

- BBC News full text (Greene & Cunningham 2006): `<category>/<NNN>.txt`, first line the headline,
  then paragraphs separated by blank lines; UTF-8 except one Latin-1 file.
- Reuters-21578 (JSON): `reuters-0NN.json`, records {id, title, body, date, ...}; bodies are
  hard-wrapped at ~70 columns with paragraphs indented by spaces and end in a "Reuter" sign-off
  and an ETX byte. Only bodies of >= `min_words` words are used.

Bodies are returned one paragraph a line, as the indexing pipeline receives extracted text
(corpus "reuters-wrapped": the Reuters bodies as wrapped on the wire, for the cleaner benchmark).

Both corpora contain real duplicates (exact re-sends, re-headlined copies, corrected wire items),
so "the original came back" must accept any member of the original's copy group:
`copy_groups` links articles whose normalised bodies are equal, or whose word 5-gram sets have
exact Jaccard >= `NEAR_JACCARD` (candidates from datasketch LSH, then verified exactly).
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import xxhash

from indexer.text import normalize, tokenize

DATA = Path("/work/shared/data")
BBC_DIR = DATA / "bbc-news-fulltext"
REUTERS_DIR = DATA / "reuters21578"
# Exact 5-gram Jaccard above which two corpus bodies are the "same" article (near copy).
NEAR_JACCARD = 0.9


@dataclass(frozen=True)
class Article:
    id: str
    corpus: str  # "bbc" | "reuters"
    title: str
    body: str  # one paragraph a line
    source: str
    published_at: datetime | None
    category: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n") if p.strip()]


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def load_bbc(root: Path = BBC_DIR) -> list[Article]:
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        text = _read_text(path).replace("\r\n", "\n").strip()
        title, _, rest = text.partition("\n")
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", rest) if p.strip()]
        articles.append(
            Article(
                id=f"bbc/{path.parent.name}/{path.stem}",
                corpus="bbc",
                title=title.strip(),
                body="\n".join(paragraphs),
                source="bbc",
                published_at=None,
                category=path.parent.name,
            )
        )
    return articles


_REUTERS_SIGNOFF = re.compile(r"\s*\bREUTER\b\s*$", re.IGNORECASE)


def _reuters_body(body: str) -> str:
    """The body without its sign-off and ETX byte, still wrapped."""
    return _REUTERS_SIGNOFF.sub("", body.replace("\x03", "").rstrip())


def _reuters_paragraphs(body: str) -> list[str]:
    """Unwrap a hard-wrapped Reuters body: a new paragraph starts at an indented line."""
    body = _reuters_body(body)
    paragraphs: list[list[str]] = [[]]
    for line in body.split("\n"):
        if line.startswith(" ") and paragraphs[-1]:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return [" ".join(p) for p in paragraphs if p]


def _reuters_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value.strip().split(".")[0], "%d-%b-%Y %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def load_reuters(root: Path = REUTERS_DIR, min_words: int = 50, *, unwrap: bool = True) -> list[Article]:
    """Reuters articles one paragraph a line, or with `unwrap=False` as the wire sent them
    (hard-wrapped, paragraphs starting at an indented line)."""
    articles = []
    for name in sorted(glob.glob(str(root / "reuters-0*.json"))):
        with open(name, encoding="utf-8") as handle:
            records = json.load(handle)
        for record in records:
            body = record.get("body") or ""
            if len(body.split()) < min_words:
                continue
            articles.append(
                Article(
                    id=f"reuters/{record['id']}",
                    corpus="reuters",
                    title=" ".join((record.get("title") or "").split()),
                    body="\n".join(_reuters_paragraphs(body)) if unwrap else _reuters_body(body),
                    source="reuters",
                    published_at=_reuters_date(record.get("date")),
                )
            )
    return articles


def load(corpus: str) -> list[Article]:
    if corpus == "bbc":
        return load_bbc()
    if corpus == "reuters":
        return load_reuters()
    if corpus == "reuters-wrapped":
        return load_reuters(unwrap=False)
    if corpus == "both":
        return load_bbc() + load_reuters()
    raise ValueError(f"unknown corpus {corpus!r}")


# -- shingles and copy groups --------------------------------------------------------------------


def shingle_strings(text: str, size: int = 5) -> list[str]:
    """Word `size`-gram shingles of the normalised text (one shingle if it is shorter)."""
    tokens = tokenize(normalize(text))
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def shingles(text: str, size: int = 5) -> set[int]:
    """The same shingles as 64-bit hashes (exact for set arithmetic at corpus scale, 1/3 the memory)."""
    return {xxhash.xxh64_intdigest(s.encode()) for s in shingle_strings(text, size)}


def body_key(body: str) -> str:
    return hashlib.sha1(" ".join(tokenize(normalize(body))).encode()).hexdigest()


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def containment(a: set, b: set) -> float:
    """Share of `a` inside `b`."""
    return len(a & b) / len(a) if a else 0.0


@dataclass
class CorpusRelations:
    """Exact relatives of every article, from datasketch LSH candidates verified on exact sets."""

    copies: dict[str, set[str]]  # same normalised body, or exact 5-gram Jaccard >= NEAR_JACCARD
    related: dict[str, set[str]]  # any copy-like overlap: Jaccard >= 0.3 or containment >= 0.5


def corpus_relations(articles: list[Article], shingle_sets: dict[str, set[int]]) -> CorpusRelations:
    from datasketch import MinHash, MinHashLSH

    copies: dict[str, set[str]] = defaultdict(set)
    related: dict[str, set[str]] = defaultdict(set)
    by_body: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        by_body[body_key(article.body)].append(article.id)
    for members in by_body.values():
        for member in members:
            copies[member].update(m for m in members if m != member)
            related[member].update(m for m in members if m != member)

    # A low threshold with few rows per band: trimmed copies (containment high, Jaccard ~0.3-0.5)
    # must be found too, so held-out articles can be chosen with no copy of any kind indexed.
    lsh = MinHashLSH(threshold=0.2, num_perm=64)
    hashes = {}
    for article in articles:
        mh = MinHash(num_perm=64, seed=7)
        mh.update_batch([s.to_bytes(8, "little") for s in shingle_sets[article.id]])
        hashes[article.id] = mh
        lsh.insert(article.id, mh)
    for article in articles:
        mine = shingle_sets[article.id]
        for other in lsh.query(hashes[article.id]):
            if other == article.id:
                continue
            theirs = shingle_sets[other]
            j = jaccard(mine, theirs)
            if j >= NEAR_JACCARD:
                copies[article.id].add(other)
            if j >= 0.3 or containment(mine, theirs) >= 0.5 or containment(theirs, mine) >= 0.5:
                related[article.id].add(other)
    return CorpusRelations(copies=dict(copies), related=dict(related))
