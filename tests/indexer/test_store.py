"""The storage contract, on a real Redis server."""

from datetime import UTC

import numpy as np
import pytest

from indexer.config import DEFAULT_CONFIG, IndexConfig, MinHashScheme
from indexer.engine import ArticleInput, ArticleNotFound, DocumentFrequencies, PendingTerms
from indexer.storage import ConfigMismatch
from indexer.storage.redis import RedisStore
from tests.conftest import read_fixture

SEED = read_fixture("similarity", "002_7c2d817576f8b079.txt")
BRIDGE = read_fixture("articles", "harbour_bridge.txt")
FROST = read_fixture("articles", "orchard_frost.txt")


def _first_half(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[: len(lines) // 2])


def _namespace_state(store: RedisStore, versions: bool = True) -> dict:
    """Every key of the namespace with its value, so a test can compare whole states
    (`versions=False` drops the version that opens each article record)."""
    client = store.client
    state = {}
    for key in store.key_names():
        kind = client.type(key)
        if kind == b"hash":
            state[key] = client.hgetall(key)
        elif key.endswith(b":df"):
            # BITFIELD grows the string as terms arrive; trailing zero counters are no data.
            state[key] = client.get(key).rstrip(b"\0")
        elif b":d:" in key and not versions:
            state[key] = client.get(key)[4:]
        else:
            state[key] = client.get(key)
    return state


def test_insert_then_query_finds_copy(index):
    index.upsert(ArticleInput(SEED, id="orig"))
    matches, _ = index.match(ArticleInput(_first_half(SEED), title="A new headline"))
    assert [m.id for m in matches][:1] == ["orig"]
    assert matches[0].relation == "syndicated"


def test_copy_trimmed_to_its_lead_is_found(index):
    """A sixth of a long report has Jaccard ~0.16 to it: the shingle bands propose it 16% of the
    time, the lead bands nearly always."""
    long_report = read_fixture("similarity", "004_aa27b6e4088c5d31.txt")
    index.upsert(ArticleInput(long_report, id="long"))
    lines, lead = [line for line in long_report.splitlines() if line.strip()], []
    while sum(len(line.split()) for line in lead) < len(long_report.split()) / 6:
        lead.append(lines[len(lead)])
    matches, _ = index.match(ArticleInput("\n".join(lead), title="Short version"))
    assert (matches[0].id, matches[0].relation) == ("long", "syndicated")


def test_exact_copy_after_retyping(index):
    index.upsert(ArticleInput(BRIDGE, id="bridge"))
    retyped = BRIDGE.replace('"', "\u201c").replace("  ", " ").replace("\n", "\n\n")
    matches, _ = index.match(ArticleInput(retyped))
    assert (matches[0].id, matches[0].relation) == ("bridge", "exact")


def test_unrelated_article_is_not_a_copy(index):
    index.upsert(ArticleInput(BRIDGE, id="bridge"))
    matches, _ = index.match(ArticleInput(FROST))
    assert all(m.relation not in {"exact", "near_duplicate", "syndicated", "paraphrase"} for m in matches)


def test_delete_leaves_no_key_behind(index, store):
    index.upsert(ArticleInput(FROST, id="frost", source="example.com"))
    before = _namespace_state(store)
    index.upsert(ArticleInput(BRIDGE, id="bridge", source="example.com"))
    index.upsert(ArticleInput(_first_half(BRIDGE), id="bridge-copy", source="other.org"))
    index.delete("bridge")
    index.delete("bridge-copy")
    after = _namespace_state(store)
    after.pop(store.prefix.encode() + b"seq")
    before.pop(store.prefix.encode() + b"seq", None)
    assert after == before
    with pytest.raises(ArticleNotFound):
        index.delete("bridge")


def test_deleted_article_is_never_returned(index):
    index.upsert(ArticleInput(BRIDGE, id="bridge"))
    index.delete("bridge")
    matches, _ = index.match(ArticleInput(BRIDGE))
    assert matches == []
    assert index.store.get("bridge") is None


def test_upsert_replaces_content(index, store):
    index.upsert(ArticleInput(BRIDGE, id="a"))
    state_with_bridge = _namespace_state(store, versions=False)
    index.upsert(ArticleInput(FROST, id="a"))
    assert [m.id for m in index.match(ArticleInput(BRIDGE))[0]] == []
    assert [m.id for m in index.match(ArticleInput(FROST))[0]] == ["a"]
    index.upsert(ArticleInput(BRIDGE, id="a"))
    # Only the version counter of the article differs from the first write.
    assert _namespace_state(store, versions=False) == state_with_bridge


def test_repeated_upsert_is_a_no_op(index, store):
    first = index.upsert(ArticleInput(SEED, id="s", source="example.com"))
    state = _namespace_state(store)
    second = index.upsert(ArticleInput(SEED, id="s", source="example.com"))
    assert first.changed and not second.changed
    assert _namespace_state(store) == state
    assert second.matches == first.matches and second.cluster == first.cluster


def test_canonical_is_earliest_then_smallest_id_whatever_the_arrival_order(redis_client, namespace):
    from datetime import datetime

    from indexer.engine import Index

    articles = [
        ArticleInput(SEED, id="late", published_at=datetime(2025, 6, 15, tzinfo=UTC)),
        ArticleInput(_first_half(SEED), id="early", published_at=datetime(2025, 6, 14, tzinfo=UTC)),
        ArticleInput(SEED + "\nA local paragraph about the council's response.", id="b-undated"),
        ArticleInput(SEED, id="a-undated"),
    ]
    for order, name in ((articles, "fwd"), (articles[::-1], "rev")):
        store = RedisStore(redis_client, DEFAULT_CONFIG, f"{namespace}-{name}")
        store.open()
        index = Index(store, DEFAULT_CONFIG)
        results = [index.upsert(a) for a in order]
        assert results[-1].cluster.canonical_id == "early"
        assert {store.cluster(a.id).canonical_id for a in articles} == {"early"}
        index.delete("early")
        assert store.cluster("late").canonical_id == "late"
        store.clear()


def test_store_of_another_config_refuses_to_open(redis_client, namespace):
    RedisStore(redis_client, DEFAULT_CONFIG, namespace).open()
    other = IndexConfig(shingles=MinHashScheme(num_perm=128, seed=1, bands=32, rows=4))
    with pytest.raises(ConfigMismatch, match="reindex"):
        RedisStore(redis_client, other, namespace).open()
    RedisStore(redis_client, DEFAULT_CONFIG, namespace).clear()


def test_document_frequencies_count_and_uncount(index, store):
    from indexer import similarity

    index.upsert(ArticleInput(BRIDGE, id="bridge"))
    index.upsert(ArticleInput(FROST, id="frost"))
    terms = similarity.document_terms(similarity.similarity_profile(BRIDGE))
    total, counts = store.document_frequencies(terms)
    assert total == 2 and set(counts.tolist()) <= {1, 2} and 1 in counts.tolist()
    index.delete("bridge")
    index.delete("frost")
    total, counts = store.document_frequencies(terms)
    assert total == 0 and not counts.any()


def test_batch_answers_as_one_by_one(redis_client, namespace):
    """upsert_many sees earlier articles of its batch and handles repeated ids like sequential PUTs."""
    from datetime import datetime

    from indexer.engine import Index

    when = datetime(2025, 6, 14, tzinfo=UTC)
    articles = [
        ArticleInput(BRIDGE, id="bridge", source="a.com"),
        ArticleInput(_first_half(SEED), id="seed-half", source="b.com"),
        ArticleInput(SEED, id="seed", source="a.com", published_at=when),
        ArticleInput(BRIDGE, id="bridge-copy", source="c.com"),
        ArticleInput(FROST, id="bridge", source="a.com"),  # replaces the first article
        ArticleInput(SEED, id="seed", source="a.com", published_at=when),  # unchanged repeat
    ]
    answers = {}
    for mode in ("sequential", "batch"):
        store = RedisStore(redis_client, DEFAULT_CONFIG, f"{namespace}-{mode}")
        store.open()
        index = Index(store, DEFAULT_CONFIG)
        results = [index.upsert(a) for a in articles] if mode == "sequential" else index.upsert_many(articles)
        answers[mode] = [
            (r.id, r.changed, r.cluster, [(m.id, m.relation, m.score) for m in r.matches]) for r in results
        ]
        store.clear()
    assert answers["batch"] == answers["sequential"]
    seed_half = answers["batch"][2]
    assert seed_half[3][0][:2] == ("seed-half", "syndicated")
    assert answers["batch"][3][3][0][:2] == ("bridge", "exact")
    assert answers["batch"][5][1] is False


def test_pending_terms_count_as_written_in_any_order_of_prefixes():
    """A batch scores each article with the document frequencies the earlier writes will make."""
    rng = np.random.default_rng(3)
    snapshot = np.array([3, 8, 20, 41, 77], dtype=np.uint32)
    frequencies = DocumentFrequencies(snapshot, np.array([25.0, 20.0, 22.0, 29.0, 21.0]), 40)
    added = rng.choice(np.array([3, 8, 9, 41, 77, 100], dtype=np.uint32), size=60)
    removed = rng.choice(snapshot, size=20)
    query = np.array([3, 8, 20, 41, 77, 5], dtype=np.uint32)
    for added_end, removed_end in [(0, 0), (10, 2), (25, 2), (60, 20), (5, 1), (40, 10)]:
        pending = PendingTerms(added, removed, added_end, removed_end, 4)
        counts = frequencies.counts.copy()
        for index, term in enumerate(snapshot):
            counts[index] += np.count_nonzero(added[:added_end] == term) - np.count_nonzero(
                removed[:removed_end] == term
            )
        expected = np.log((1.0 + 40 + 4) / (1.0 + counts)) + 1.0
        expected = np.append(expected, expected.max())  # term 5 is not in the snapshot
        assert np.allclose(frequencies.idf(pending)(query), expected), (added_end, removed_end)


def test_canonical_order_spans_centuries_and_time_zones(index, store):
    from datetime import datetime, timedelta, timezone

    # 1969 sorts before 2025; 10:00+02:00 is 08:00 UTC, earlier than 09:00 UTC.
    index.upsert(ArticleInput(SEED, id="y2025", published_at=datetime(2025, 6, 15, tzinfo=UTC)))
    index.upsert(ArticleInput(SEED, id="y1969", published_at=datetime(1969, 7, 20, tzinfo=UTC)))
    assert store.cluster("y2025").canonical_id == "y1969"
    index.upsert(ArticleInput(BRIDGE, id="utc", published_at=datetime(2025, 1, 1, 9, tzinfo=UTC)))
    plus_two = timezone(timedelta(hours=2))
    index.upsert(ArticleInput(BRIDGE, id="zone", published_at=datetime(2025, 1, 1, 10, tzinfo=plus_two)))
    assert store.cluster("utc").canonical_id == "zone"


def test_stored_record_reads_back_as_written(index, store):
    article = ArticleInput(
        SEED,
        id="https://example.org/news/é/1?x=1",
        title="Titre « spécial »",
        source="example.org",
        url="https://example.org/news/é/1",
    )
    index.upsert(article)
    prepared = index.prepare(article)
    stored = store.get(article.id)
    assert stored.id == article.id and stored.source == "example.org"
    assert stored.signature.dtype.itemsize * 8 == DEFAULT_CONFIG.signature_bits
    assert (stored.signature == prepared.fingerprint.signature).all()
    assert (stored.lead_keys == prepared.fingerprint.lead_keys).all()
    assert stored.content_hash == prepared.fingerprint.content_hash
    assert stored.shingle_count == prepared.fingerprint.shingle_count
    assert stored.profile == prepared.profile_bytes
    assert stored.meta == article.meta()


@pytest.mark.parametrize("name", ["hash-max-ziplist-entries", "hash-max-ziplist-value"])
def test_opening_warns_when_the_server_would_not_keep_bucket_hashes_compact(
    redis_client, namespace, caplog, name
):
    from indexer.storage.redis import COMPACT_HASH_SETTINGS

    found = {key: redis_client.config_get(key)[key] for key in COMPACT_HASH_SETTINGS}
    try:
        redis_client.config_set(name, 64 if name.endswith("value") else 128)
        with caplog.at_level("WARNING", logger="syndetect"):
            RedisStore(redis_client, DEFAULT_CONFIG, namespace).open()
        assert name.replace("ziplist", "listpack") in caplog.text
        assert f"Set it to {COMPACT_HASH_SETTINGS[name]}" in caplog.text
        caplog.clear()
        for key, value in COMPACT_HASH_SETTINGS.items():
            redis_client.config_set(key, value)
        with caplog.at_level("WARNING", logger="syndetect"):
            RedisStore(redis_client, DEFAULT_CONFIG, namespace).open()
        assert caplog.text == ""
    finally:
        for key, value in found.items():
            redis_client.config_set(key, value)
        RedisStore(redis_client, DEFAULT_CONFIG, namespace).clear()


def test_scripts_flushed_from_the_server_are_loaded_again(index, store, redis_client):
    """A Redis restart (or SCRIPT FLUSH) empties the script cache under a running service."""
    index.upsert(ArticleInput(BRIDGE, id="bridge"))
    redis_client.script_flush()
    assert index.match(ArticleInput(BRIDGE))[0][0].relation == "exact"
    redis_client.script_flush()
    assert index.upsert(ArticleInput(FROST, id="frost")).changed
    redis_client.script_flush()  # a single call goes alone, several in a pipeline: both reload
    batch = index.upsert_many(
        [ArticleInput(SEED, id="a", source="x.com"), ArticleInput(BRIDGE, id="b", source="y.com")]
    )
    assert [result.changed for result in batch] == [True, True]


def test_document_frequencies_of_many_terms_at_once(index, store):
    import numpy as np

    from indexer import similarity

    index.upsert(ArticleInput(BRIDGE, id="bridge"))
    terms = similarity.document_terms(index.prepare(ArticleInput(BRIDGE)).profile)
    many = np.unique(np.concatenate([terms, np.arange(1, 20_000, dtype=np.uint32)]))
    total, counts = store.document_frequencies(many)
    assert total == 1 and len(counts) == len(many)
    assert (counts[np.isin(many, terms)] == 1).all() and counts.sum() == len(np.unique(terms))


def test_a_page_of_thousands_of_short_lines_is_stored_and_removed_whole(index, store):
    """9,000 distinct lines give 72 KB of template keys, past a 2-byte length."""
    lines = [f"Item {n} of the list" for n in range(9_000)]
    article = ArticleInput("\n".join([BRIDGE, *lines]), id="long-list", source="lists.example")
    index.upsert(article)
    stored = store.get("long-list")
    assert stored.source == "lists.example" and stored.meta["source"] == "lists.example"
    assert store.line_stats("lists.example", [index.prepare(article).line_keys[-1]]).doc_count == 1
    index.delete("long-list")
    assert not [
        key for key in store.key_names() if any(kind in key for kind in (b":d:", b":t:", b":s:", b":b:"))
    ]


def test_candidates_sharing_salient_keys_only_stop_at_their_limit(index, store):
    """Copy candidates all come back; of those sharing salient keys only, the ones sharing most,
    up to the limit: the rest would only be fetched to be dropped by the similarity limit."""
    from indexer.storage.base import ArticleRecord, CandidateQuery, WriteRequest

    prepared = index.prepare(ArticleInput(SEED, id="x"))
    salient = np.arange(1, 11, dtype=np.uint64) << np.uint64(20)
    copy_keys = np.array([7 << 40, 9 << 40], dtype=np.uint64)
    requests = []
    for k in range(12):  # articles 0 and 1 share a copy key; article k shares k % 10 + 1 salient keys
        record = ArticleRecord(
            id=f"a{k}",
            content_hash=bytes([k]) * 8,
            shingle_count=prepared.fingerprint.shingle_count,
            signature=prepared.fingerprint.signature,
            profile=prepared.profile_bytes,
            meta={},
            published_at=None,
            source=None,
            line_keys=(),
            band_keys=copy_keys[k : k + 1] if k < 2 else np.array([(100 + k) << 40], dtype=np.uint64),
            lead_keys=np.empty(0, np.uint64),
            salient_keys=salient[: k % 10 + 1],
            term_ids=np.empty(0, np.uint32),
        )
        requests.append(WriteRequest(record, None, None))
    store.write_many(requests)
    query = CandidateQuery(copy_keys, salient)
    everything, _ = store.candidates(query, 64, 64)
    capped, _ = store.candidates(query, 64, 3)
    assert len(everything) == 12
    assert [c.article.id for c in capped] == [c.article.id for c in everything][:5]
    assert {c.article.id for c in capped[:2]} == {"a0", "a1"}
    assert [(c.article.id, c.salient_hits) for c in capped[2:]] == [("a9", 10), ("a8", 9), ("a7", 8)]
