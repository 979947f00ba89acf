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

import random

from corpora import load_bbc, load_reuters


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
