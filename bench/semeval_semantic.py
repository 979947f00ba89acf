"""Same-story benchmark of the optional sentence embedding (`indexer.semantic`) on SemEval-2022 task 8.

    HF_HUB_OFFLINE=1 PYTHONPATH=. python -m bench.semeval_semantic [--data DIR] [--fit]

English pairs, Pearson correlation with the human `Overall` rating shown as -r (see
`bench/semeval.py`). Rows: the lexical `same_story` of `indexer.similarity`; the embeddings'
cosine; the semantic `same_story` (the cosine mapped by `SemanticDefaults.same_story_weights`,
clipped); and, to show whether the lexical score adds anything, a least-squares blend of both
fitted on the training pairs. Then the time to embed one article (title + body, one thread).
`--fit` prints the weights to copy into `SemanticDefaults.same_story_weights`; tuning only ever
sees `training_set.csv`. Needs the extra: `pip install "syndetect[semantic]"`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from bench.semeval import (
    DEFAULT_DATA,
    InMemoryIdf,
    Pair,
    feature_rows,
    load_english_pairs,
    pearson_similarity,
    profile_of,
)
from indexer.semantic import EXTRA, SemanticScorer, available, same_story


def split_title(text: str) -> tuple[str | None, str]:
    """SemEval texts are the title line, then the body; some are one line (no title)."""
    title, newline, body = text.strip().partition("\n")
    return (title, body) if newline else (None, title)


def embed_pairs(scorer: SemanticScorer, pairs: list[Pair]) -> tuple[np.ndarray, list[float]]:
    """Cosine per pair, and the seconds each embedding took."""
    cosines, seconds = [], []
    for pair in pairs:
        vectors = []
        for text in (pair.text1, pair.text2):
            start = time.perf_counter()
            vectors.append(scorer.embed(*split_title(text)))
            seconds.append(time.perf_counter() - start)
        cosines.append(float(vectors[0] @ vectors[1]))
    return np.array(cosines), seconds


def least_squares(columns: list[np.ndarray], overall: np.ndarray) -> np.ndarray:
    """Weights (intercept first) predicting (4 - Overall) / 3."""
    design = np.column_stack([np.ones(len(overall)), *columns])
    weights, *_ = np.linalg.lstsq(design, (4.0 - overall) / 3.0, rcond=None)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--fit", action="store_true", help="refit the semantic same_story map on training")
    args = parser.parse_args()
    if not available():
        raise SystemExit(f"the semantic extra is not installed: {EXTRA}")

    train = load_english_pairs(args.data / "training_set.csv")
    test = load_english_pairs(args.data / "testing_set.csv")
    train_overall = np.array([pair.overall for pair in train])
    test_overall = np.array([pair.overall for pair in test])
    scorer = SemanticScorer()
    scorer.embed(None, "warm-up")  # loading the model is not per-article time
    train_cos, _ = embed_pairs(scorer, train)
    if args.fit:
        intercept, slope = least_squares([train_cos], train_overall)
        print(f"same_story_weights = ({intercept:.3f}, {slope:.3f})  # intercept, embedding cosine")
        return
    test_cos, seconds = embed_pairs(scorer, test)

    idf = InMemoryIdf(profile_of(text) for pair in train for text in (pair.text1, pair.text2))
    _, train_lexical = feature_rows(train, idf)
    _, test_lexical = feature_rows(test, idf)
    blend = least_squares([train_lexical, train_cos], train_overall)

    rows = {
        "lexical same_story": (train_lexical, test_lexical),
        "embedding cosine": (train_cos, test_cos),
        "semantic same_story": (
            np.array([same_story(c) for c in train_cos]),
            np.array([same_story(c) for c in test_cos]),
        ),
        f"blend {blend[1]:+.2f} lex {blend[2]:+.2f} cos": (
            blend[0] + blend[1] * train_lexical + blend[2] * train_cos,
            blend[0] + blend[1] * test_lexical + blend[2] * test_cos,
        ),
    }
    print(f"SemEval-2022 task 8, en-en: train {len(train)} pairs (fitting), test {len(test)} pairs")
    print(f"{'score':<32}{'-r train':>10}{'-r test':>10}")
    for name, (on_train, on_test) in rows.items():
        print(
            f"{name:<32}{pearson_similarity(on_train, train_overall):>10.3f}"
            f"{pearson_similarity(on_test, test_overall):>10.3f}"
        )
    ms = 1000 * np.array(seconds)
    print(
        f"embedding: {ms.mean():.0f} ms/article mean, {np.median(ms):.0f} median, {ms.max():.0f} max "
        f"({len(ms)} test articles, {scorer.defaults.threads} thread, {scorer.defaults})"
    )


if __name__ == "__main__":
    main()
