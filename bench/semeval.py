"""Same-story benchmark on SemEval-2022 task 8 (news article similarity), English pairs.

Prints the Pearson correlation of each score with the human `Overall` rating (1 = very similar
... 4 = very dissimilar, so similarity scores correlate negatively; the table shows -r) for
plain TF-IDF cosine (scikit-learn, the baseline) and for our profile scores. `--fit` refits the
`same_story` blend on the training file (least squares of (4 - Overall) / 3 on the features)
and prints the coefficients to copy into `SimilarityDefaults.same_story_weights`; tuning only
ever sees `training_set.csv`.

    python -m bench.semeval [--data DIR] [--fit]

The data set is not in the repo (copyrighted texts): see shared/data/semeval2022-task8-sample.
"""

from __future__ import annotations

import argparse
import csv
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import paired_cosine_distances

from indexer.similarity import SimilarityProfile, compare, document_terms, similarity_profile

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2022-task8-sample"
# (The sentence alignment is left out: it is worked out only for pairs that could be paraphrases.)
FEATURES = ("cosine", "title", "salient_overlap")
BLENDED = ("cosine", "title")  # what `same_story` blends, square-rooted


@dataclass(frozen=True)
class Pair:
    pair_id: str
    text1: str
    text2: str
    overall: float


class InMemoryIdf:
    """The store's IDF, log((1+N)/(1+df)) + 1, over document frequencies counted in memory."""

    def __init__(self, profiles: Iterable[SimilarityProfile]) -> None:
        self.document_frequency: Counter[int] = Counter()
        self.documents = 0
        for profile in profiles:
            self.document_frequency.update(document_terms(profile).tolist())
            self.documents += 1

    def __call__(self, term_ids: np.ndarray) -> np.ndarray:
        df = np.array([self.document_frequency.get(term, 0) for term in term_ids.tolist()], dtype=np.float64)
        return np.log((1.0 + self.documents) / (1.0 + df)) + 1.0


def load_english_pairs(path: Path) -> list[Pair]:
    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Pair(row["pair_id"], row["text1"], row["text2"], float(row["Overall"]))
            for row in csv.DictReader(handle)
            if row["lang1"] == row["lang2"] == "en" and row["text1"].strip() and row["text2"].strip()
        ]


def profile_of(text: str) -> SimilarityProfile:
    """SemEval texts are the title line, then the body; some are one line (no title to split off)."""
    title, newline, body = text.strip().partition("\n")
    return similarity_profile(body, title=title) if newline else similarity_profile(title)


def pearson_similarity(scores: Iterable[float], overall: Iterable[float]) -> float:
    """-r between a similarity score and Overall (which grows with dissimilarity)."""
    return -float(np.corrcoef(np.asarray(list(scores)), np.asarray(list(overall)))[0, 1])


def feature_rows(pairs: list[Pair], idf: InMemoryIdf) -> tuple[np.ndarray, np.ndarray]:
    """(features, same_story) per pair, features in `FEATURES` order (title falls back to cosine)."""
    rows, same_story = [], []
    for pair in pairs:
        scores = compare(profile_of(pair.text1), profile_of(pair.text2), idf)
        title = scores.cosine if math.isnan(scores.title) else scores.title
        rows.append((scores.cosine, title, scores.salient_overlap))
        same_story.append(scores.same_story)
    return np.array(rows), np.array(same_story)


def tfidf_baseline(train: list[Pair], test: list[Pair]) -> np.ndarray:
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    vectorizer.fit([text for pair in train for text in (pair.text1, pair.text2)])
    left = vectorizer.transform([pair.text1 for pair in test])
    right = vectorizer.transform([pair.text2 for pair in test])
    return 1.0 - paired_cosine_distances(left, right)


def fit_blend(features: np.ndarray, overall: np.ndarray) -> tuple[float, ...]:
    """Least-squares weights (intercept first) on the square-rooted features, predicting (4 - Overall) / 3."""
    design = np.column_stack([np.ones(len(features)), np.sqrt(features.clip(min=0.0))])
    weights, *_ = np.linalg.lstsq(design, (4.0 - overall) / 3.0, rcond=None)
    return tuple(round(float(w), 3) for w in weights)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--fit", action="store_true", help="refit the same_story blend on the training set")
    args = parser.parse_args()

    train = load_english_pairs(args.data / "training_set.csv")
    test = load_english_pairs(args.data / "testing_set.csv")
    # Document frequencies from the training texts only, as a store would have counted them.
    idf = InMemoryIdf(profile_of(text) for pair in train for text in (pair.text1, pair.text2))

    train_features, _ = feature_rows(train, idf)
    train_overall = np.array([pair.overall for pair in train])
    if args.fit:
        weights = fit_blend(train_features[:, [FEATURES.index(name) for name in BLENDED]], train_overall)
        print(f"same_story_weights = {weights}  # intercept, sqrt of {', '.join(BLENDED)}")
        return

    test_features, test_same_story = feature_rows(test, idf)
    test_overall = np.array([pair.overall for pair in test])
    print(f"SemEval-2022 task 8, en-en: train {len(train)} pairs (tuning, DF table), test {len(test)} pairs")
    print(f"{'score':<28}{'-r train':>10}{'-r test':>10}")
    baseline_train = tfidf_baseline(train, train)
    baseline_test = tfidf_baseline(train, test)
    print(
        f"{'tfidf cosine (sklearn)':<28}{pearson_similarity(baseline_train, train_overall):>10.3f}"
        f"{pearson_similarity(baseline_test, test_overall):>10.3f}"
    )
    for column, name in enumerate(FEATURES):
        print(
            f"{name:<28}{pearson_similarity(train_features[:, column], train_overall):>10.3f}"
            f"{pearson_similarity(test_features[:, column], test_overall):>10.3f}"
        )
    _, train_same_story = feature_rows(train, idf)
    print(
        f"{'same_story':<28}{pearson_similarity(train_same_story, train_overall):>10.3f}"
        f"{pearson_similarity(test_same_story, test_overall):>10.3f}"
    )


if __name__ == "__main__":
    main()
