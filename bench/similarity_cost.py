"""Query latency with and without the paraphrase/same-story path, in-process (issue 3's speed check).

"Without" drops the salient-term LSH keys and the term-based scoring (compare and its IDF round
trip) but still builds the similarity profile, so it overstates the cost before that path existed.
Indexes 8,000 BBC/Reuters articles into namespace `simpath` of the local Redis, queries 500
reworded variants, three alternating repeats; prints medians of p50/p99.

    .venv/bin/python bench/similarity_cost.py
"""

import statistics
import sys
import time

import numpy as np
import redis

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from perf_data import Corpus

from indexer import similarity
from indexer.config import DEFAULT_CONFIG
from indexer.engine import NO_PENDING_TERMS, ArticleInput, Index
from indexer.storage.redis import RedisStore

corpus = Corpus()
store = RedisStore(redis.Redis(), DEFAULT_CONFIG, "simpath")
store.clear()
store.open()
index = Index(store, DEFAULT_CONFIG)
arts = [corpus.article(i) for i in range(8000)]
for i in range(0, 8000, 250):
    index.upsert_many(
        [ArticleInput(a["text"], id=a["id"], title=a["title"], source=a["source"]) for a in arts[i : i + 250]]
    )
queries = [corpus.article(i, variant=1) for i in range(0, 8000, 16)]
from indexer import engine

ZERO = similarity.SimilarityScores(0.0, 0.0, 0.0, 0.0, 0.0, ())
real_compare, real_fetch = similarity.compare, engine.DocumentFrequencies.fetch


def run(with_path):
    similarity.compare = real_compare if with_path else (lambda a, b, idf: ZERO)
    engine.DocumentFrequencies.fetch = (
        real_fetch
        if with_path
        else classmethod(lambda cls, store, terms: cls(np.empty(0, np.uint32), np.empty(0), 0))
    )
    times = []
    for q in queries:
        t = time.perf_counter()
        prepared = index.prepare(ArticleInput(q["text"], title=q["title"]))
        query = index._query(prepared)
        if not with_path:
            query = type(query)(query.copy_keys, np.empty(0, np.uint64))
        cands, _ = store.candidates(query, 64, 64)
        index._relate_many([(prepared, cands, NO_PENDING_TERMS)], 10)
        times.append(time.perf_counter() - t)
    return np.percentile(times, 50) * 1e3, np.percentile(times, 99) * 1e3


res = {True: [], False: []}
for rep in range(3):
    for w in (False, True):
        res[w].append(run(w))
for w in (False, True):
    print(
        "with similarity path" if w else "shingle copies only",
        f"p50 {statistics.median(r[0] for r in res[w]):.2f} ms, p99 {statistics.median(r[1] for r in res[w]):.2f} ms",
    )
store.clear()
