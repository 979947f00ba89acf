"""Pair-level check of `classify`: spun copies must be `paraphrase`, related coverage must not.

Pair sets:
- spun: BBC articles, and Reuters briefs (two to five sentences), vs `bench.spinner` copies of
  them (only copies sharing < 1/5 of their word 5-grams count: above that the shingle index
  already catches them);
- same story: SemEval-2022 task 8 en-en pairs rated Overall <= 1.5 (same event, written apart),
  and the three seed reports in fixtures/similarity; every other SemEval en pair written apart
  (rated above 1.5) must not be `paraphrase` either;
- unrelated: random pairs of different BBC articles of the same category (known duplicates,
  5-gram Jaccard >= 1/5, skipped).

Prints, per set, the share labelled paraphrase / same_story / None. The IDF comes from a
document-frequency table over all BBC profiles (Reuters profiles for the Reuters briefs), as the
store would have it.

    python -m bench.paraphrase_pairs [--articles 400] [--briefs 400] [--unrelated 1000]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from itertools import combinations
from pathlib import Path

from bench.corpora import load_reuters
from bench.semeval import DEFAULT_DATA, InMemoryIdf, load_english_pairs, profile_of
from bench.spinner import spin
from indexer.similarity import SimilarityProfile, classify, compare, similarity_profile
from indexer.terms import split_sentences
from indexer.text import normalize, tokenize

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "similarity"
MAX_SHINGLE_JACCARD = 0.2


def shingle_jaccard(a: str, b: str, size: int = 5) -> float:
    def shingles(text: str) -> set[tuple[str, ...]]:
        tokens = tokenize(normalize(text))
        return {tuple(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 1))}

    left, right = shingles(a), shingles(b)
    return len(left & right) / max(len(left | right), 1)


def load_bbc(root: Path) -> list[tuple[str, str, str]]:
    """(category, title, body) of every BBC article (one Latin-1 file among UTF-8 ones)."""
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        title, _, body = text.strip().partition("\n")
        articles.append((path.parent.name, title.strip(), body.strip()))
    return articles


def label_rates(labels: Counter[str | None], total: int) -> str:
    return "  ".join(
        f"{label or 'None'} {labels[label] / max(total, 1):6.1%}"
        for label in ("paraphrase", "same_story", None)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="BBC articles to spin")
    parser.add_argument("--briefs", type=int, default=400, help="Reuters briefs to spin")
    parser.add_argument("--unrelated", type=int, default=1000, help="same-category BBC pairs")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    bbc = load_bbc(SHARED_DATA / "bbc-news-fulltext")
    profiles = [similarity_profile(body, title=title) for _, title, body in bbc]
    idf = InMemoryIdf(profiles)

    def report(name: str, pairs: list[tuple[SimilarityProfile, SimilarityProfile]], weights=idf) -> None:
        labels = Counter(classify(compare(a, b, weights)) for a, b in pairs)
        print(f"{name:<34}{len(pairs):>6}  {label_rates(labels, len(pairs))}")

    spun, overlapping = [], []
    for index in rng.sample(range(len(bbc)), args.articles):
        _, title, body = bbc[index]
        copy = spin(body, seed=index)
        pair = (profiles[index], similarity_profile(copy, title=spin(title, seed=index)))
        (overlapping if shingle_jaccard(body, copy) >= MAX_SHINGLE_JACCARD else spun).append(pair)
    print(f"{'pairs':<34}{'n':>6}  labels (target: spun -> paraphrase, others never)")
    report("spun BBC copy, 5-gram J < 0.2", spun)
    report("spun BBC copy, 5-gram J >= 0.2", overlapping)

    briefs = [a for a in load_reuters() if 2 <= len(split_sentences(a.body)) <= 5]
    brief_profiles = [similarity_profile(a.body, title=a.title) for a in briefs]
    spun_briefs = []
    brief_rng = random.Random(args.seed + 1)  # its own draws: the other sets stay as they were
    for index in brief_rng.sample(range(len(briefs)), min(args.briefs, len(briefs))):
        copy = spin(briefs[index].body, seed=index)
        if shingle_jaccard(briefs[index].body, copy) < MAX_SHINGLE_JACCARD:
            copy_profile = similarity_profile(copy, title=spin(briefs[index].title, seed=index))
            spun_briefs.append((brief_profiles[index], copy_profile))
    report("spun Reuters brief, 5-gram J < 0.2", spun_briefs, InMemoryIdf(brief_profiles))

    semeval = [
        pair
        for name in ("training_set.csv", "testing_set.csv")
        for pair in load_english_pairs(DEFAULT_DATA / name)
        if pair.overall <= 1.5
    ]
    written_apart = [
        pair for pair in semeval if shingle_jaccard(pair.text1, pair.text2) < MAX_SHINGLE_JACCARD
    ]
    report(
        "SemEval en same story (<=1.5)", [(profile_of(p.text1), profile_of(p.text2)) for p in written_apart]
    )
    print(f"{'  (5-gram J >= 0.2: copies, skipped)':<34}{len(semeval) - len(written_apart):>6}")
    rated_apart = [
        pair
        for name in ("training_set.csv", "testing_set.csv")
        for pair in load_english_pairs(DEFAULT_DATA / name)
        if pair.overall > 1.5 and shingle_jaccard(pair.text1, pair.text2) < MAX_SHINGLE_JACCARD
    ]
    report("SemEval en other pairs (>1.5)", [(profile_of(p.text1), profile_of(p.text2)) for p in rated_apart])

    seeds = [
        similarity_profile(path.read_text())
        for path in sorted(SEEDS.glob("00[024]_*.txt"))
        if "recon" not in path.name
    ]
    report("seed reports 000/002/004", list(combinations(seeds, 2)))

    by_category: dict[str, list[int]] = {}
    for index, (category, _, _) in enumerate(bbc):
        by_category.setdefault(category, []).append(index)
    unrelated = []
    while len(unrelated) < args.unrelated:
        members = by_category[rng.choice(sorted(by_category))]
        first, second = rng.sample(members, 2)
        if shingle_jaccard(bbc[first][2], bbc[second][2]) < MAX_SHINGLE_JACCARD:
            unrelated.append((profiles[first], profiles[second]))
    report("unrelated BBC, same category", unrelated)


if __name__ == "__main__":
    main()
