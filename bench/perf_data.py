"""Article text for `bench/perf.py`: real BBC and Reuters bodies, multiplied by perturbed copies.

The corpora are research-only and read in place from /work/shared/data (never copied into the
repo). They hold ~21k usable bodies; larger index sizes are reached by copies of them in which
each word is replaced (by a corpus word of the same frequency distribution) or deleted with small
probabilities, under a fresh id. Copy 0 of every base is the untouched original, so the real
duplicates of the corpora are kept; later copies behave like reworded coverage of the same story
(shared names and numbers, 5-gram Jaccard to the original ~0.2-0.4 at the default rates).

Everything is deterministic in (seed, position), so a rerun feeds the same text.
"""

from __future__ import annotations

import glob
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path("/work/shared/data")
BBC_DIR = DATA / "bbc-news-fulltext"
REUTERS_DIR = DATA / "reuters21578"


@dataclass(frozen=True)
class Base:
    key: str
    title: str
    body: str  # one paragraph a line
    source: str


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def load_bbc(root: Path = BBC_DIR) -> list[Base]:
    out = []
    for path in sorted(root.glob("*/*.txt")):
        title, _, rest = _read(path).replace("\r\n", "\n").strip().partition("\n")
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", rest) if p.strip()]
        out.append(Base(f"bbc/{path.parent.name}/{path.stem}", title.strip(), "\n".join(paragraphs), "bbc"))
    return out


_SIGNOFF = re.compile(r"\s*\bREUTER\b\s*$", re.IGNORECASE)


def _reuters_paragraphs(body: str) -> list[str]:
    body = _SIGNOFF.sub("", body.replace("\x03", "").rstrip())
    paragraphs: list[list[str]] = [[]]
    for line in body.split("\n"):
        if line.startswith(" ") and paragraphs[-1]:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return [" ".join(p) for p in paragraphs if p]


def load_reuters(root: Path = REUTERS_DIR, min_words: int = 50) -> list[Base]:
    out = []
    for name in sorted(glob.glob(str(root / "reuters-0*.json"))):
        with open(name, encoding="utf-8") as handle:
            records = json.load(handle)
        for record in records:
            body = record.get("body") or ""
            if len(body.split()) < min_words:
                continue
            title = " ".join((record.get("title") or "").split())
            out.append(Base(f"reuters/{record['id']}", title, "\n".join(_reuters_paragraphs(body)), "reuters"))
    return out


class Corpus:
    """Bases in a seeded random order, and the article at any position of the endless stream."""

    def __init__(self, seed: int = 1, sub_rate: float = 0.15, del_rate: float = 0.05):
        self.seed = seed
        self.sub_rate = sub_rate
        self.del_rate = del_rate
        bases = load_bbc() + load_reuters()
        random.Random(seed).shuffle(bases)
        self.bases = bases
        # Replacement words drawn from the corpus's own token stream (so frequent words stay frequent).
        vocab: list[str] = []
        for base in bases[:3000]:
            vocab.extend(base.body.split())
        self.vocab = vocab

    def __len__(self) -> int:
        return len(self.bases)

    def perturb(self, text: str, rng: random.Random) -> str:
        lines = []
        vocab, sub, drop = self.vocab, self.sub_rate, self.sub_rate + self.del_rate
        for line in text.split("\n"):
            words = []
            for word in line.split():
                r = rng.random()
                if r < sub:
                    words.append(vocab[rng.randrange(len(vocab))])
                elif r >= drop:
                    words.append(word)
            if words:
                lines.append(" ".join(words))
        return "\n".join(lines)

    def article(self, position: int, prefix: str = "a", variant: int = 0) -> dict:
        """The article at `position` of the stream: base position % n, copy position // n.

        `variant` > 0 gives a different perturbation of the same base (held-out query texts)."""
        n = len(self.bases)
        base = self.bases[position % n]
        copy = position // n
        if copy == 0 and variant == 0:
            text, title = base.body, base.title
        else:
            rng = random.Random(f"{self.seed}/{position}/{variant}")
            text, title = self.perturb(base.body, rng), base.title
        return {"id": f"{prefix}{position}", "text": text, "title": title, "source": base.source}
