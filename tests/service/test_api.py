"""The HTTP contract, against the real app and a real Redis."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import read_fixture

SEED = read_fixture("similarity", "002_7c2d817576f8b079.txt")
BRIDGE = read_fixture("articles", "harbour_bridge.txt")
FROST = read_fixture("articles", "orchard_frost.txt")
COPY_RELATIONS = {"exact", "near_duplicate", "syndicated", "paraphrase"}


def _half(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[: len(lines) // 2])


def test_put_returns_matches_and_cluster(client):
    first = client.put(
        "/v1/articles/orig", json={"text": SEED, "published_at": "2025-06-14T09:00:00Z", "source": "a.com"}
    )
    assert first.status_code == 200
    assert first.json()["canonical_id"] == "orig" and first.json()["matches"] == []
    copy = client.put(
        "/v1/articles/copy", json={"text": _half(SEED), "title": "Another headline", "source": "b.com"}
    )
    body = copy.json()
    assert body["matches"][0]["id"] == "orig"
    assert body["matches"][0]["relation"] == "syndicated"
    assert body["matches"][0]["containment_query_in_match"] > 0.9
    assert body["canonical_id"] == "orig" and body["cluster_size"] == 2
    assert body["cluster_id"] == first.json()["cluster_id"]
    assert client.get("/v1/articles/orig").json()["cluster_size"] == 2


def test_repeated_put_returns_the_same_answer(client):
    client.put("/v1/articles/a", json={"text": BRIDGE})
    first = client.put("/v1/articles/b", json={"text": BRIDGE, "title": "t"}).json()
    second = client.put("/v1/articles/b", json={"text": BRIDGE, "title": "t"}).json()
    assert first["changed"] and not second["changed"]
    first.pop("changed"), second.pop("changed")
    assert first == second


def test_get_matches_and_delete(client):
    client.put("/v1/articles/a", json={"text": BRIDGE})
    client.put("/v1/articles/b", json={"text": BRIDGE})
    assert [m["id"] for m in client.get("/v1/articles/a/matches").json()["matches"]] == ["b"]
    assert client.delete("/v1/articles/b").status_code == 204
    assert client.get("/v1/articles/a/matches").json()["matches"] == []
    assert client.get("/v1/articles/b").status_code == 404
    assert client.delete("/v1/articles/b").status_code == 404


def test_query_stores_nothing(client):
    store = client.app.state.resources.index.store
    before = sorted(store.key_names())
    response = client.post("/v1/matches", json={"text": BRIDGE, "source": "x.com"})
    assert response.status_code == 200 and response.json()["matches"] == []
    assert sorted(store.key_names()) == before


def test_batch_reports_each_item(client):
    response = client.post(
        "/v1/articles/batch",
        json={
            "articles": [{"id": "a", "text": BRIDGE}, {"id": "b", "text": FROST}, {"id": "c", "text": BRIDGE}]
        },
    )
    results = response.json()["results"]
    assert [r["ok"] for r in results] == [True, True, True]
    assert results[2]["result"]["matches"][0]["id"] == "a"
    assert results[2]["result"]["matches"][0]["relation"] == "exact"


def test_batch_item_failure_does_not_fail_others(client):
    response = client.post(
        "/v1/articles/batch",
        json={
            "articles": [
                {"id": "a", "text": BRIDGE},
                {"id": "bad", "html": "<html><body><script>x</script></body></html>"},
            ]
        },
    )
    results = response.json()["results"]
    assert results[0]["ok"] and not results[1]["ok"]
    assert results[1]["error"]["status"] == 422
    assert client.get("/v1/articles/a").status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"text": "   "}, 422),
        ({"text": 12}, 422),
        ({"text": "x", "html": "<p>x</p>"}, 422),
        ({"text": "x", "source": ["a"]}, 422),
        ({"text": "x", "published_at": "yesterday"}, 422),
        ({"text": "x", "unknown": 1}, 422),
    ],
)
def test_bad_bodies_are_problem_json(client, body, status):
    response = client.put("/v1/articles/a", json=body)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status


def test_body_over_the_limit_is_413(client):
    response = client.put("/v1/articles/a", json={"text": "word " * 60_000})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert client.get("/v1/articles/a").status_code == 404


def test_unknown_id_is_404(client):
    for method, path in (
        ("get", "/v1/articles/nope"),
        ("get", "/v1/articles/nope/matches"),
        ("delete", "/v1/articles/nope"),
    ):
        response = getattr(client, method)(path)
        assert response.status_code == 404
        assert response.json()["title"] == "Article not found"


def test_html_article_is_extracted(client):
    paragraphs = "".join(f"<p>{line}</p>" for line in BRIDGE.splitlines())
    html = f"<html><head><title>Bridge closes</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Bridge closes</h1>{paragraphs}</article></body></html>"
    client.put("/v1/articles/text", json={"text": BRIDGE})
    body = client.put("/v1/articles/html", json={"html": html}).json()
    assert body["matches"][0]["id"] == "text"
    assert body["matches"][0]["relation"] in {"exact", "near_duplicate"}


def test_compare_touches_nothing(client):
    store = client.app.state.resources.index.store
    before = sorted(store.key_names())
    body = client.post("/v1/compare", json={"a": {"text": SEED}, "b": {"text": _half(SEED)}}).json()
    assert body["relation"] == "syndicated"
    assert body["containment_b_in_a"] > 0.9
    assert (
        client.post("/v1/compare", json={"a": {"text": BRIDGE}, "b": {"text": FROST}}).json()["relation"]
        is None
    )
    assert sorted(store.key_names()) == before


def test_health_and_metrics(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["status"] == "ready"
    client.get("/v1/articles/missing")
    metrics = client.get("/metrics").text
    assert (
        'syndetect_http_requests_total{method="GET",route="/v1/articles/{article_id}",status="404"}'
        in metrics
    )


_PARAGRAPHS = [line for text in (BRIDGE, FROST, SEED) for line in text.splitlines() if len(line.split()) > 8]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from(["put", "delete"]),
            st.sets(st.integers(0, len(_PARAGRAPHS) - 1), min_size=1, max_size=6),
        ),
        max_size=12,
    )
)
def test_deleted_articles_are_never_returned_and_puts_are_idempotent(client, operations):
    store = client.app.state.resources.index.store
    store.clear()  # examples share the fixture; each starts from an empty index
    store.open()
    live: dict[str, str] = {}
    for article_id, operation, paragraphs in operations:
        text = "\n".join(_PARAGRAPHS[i] for i in sorted(paragraphs))
        if operation == "put":
            first = client.put(f"/v1/articles/{article_id}", json={"text": text}).json()
            again = client.put(f"/v1/articles/{article_id}", json={"text": text}).json()
            assert not again["changed"]
            assert first["matches"] == again["matches"]
            live[article_id] = text
        else:
            expected = 204 if article_id in live else 404
            assert client.delete(f"/v1/articles/{article_id}").status_code == expected
            live.pop(article_id, None)
        for text in live.values():
            found = {
                m["id"]
                for m in client.post("/v1/matches", json={"text": text, "limit": 100}).json()["matches"]
            }
            assert found <= set(live)


def test_compare_shows_shared_passages_of_a_reworded_copy(client):
    spun = read_fixture("similarity", "000_a41abda2f3a191ba.txt")
    original = read_fixture("similarity", "000_reconstruction.txt")
    body = client.post("/v1/compare", json={"a": {"text": spun}, "b": {"text": original}}).json()
    assert body["relation"] == "paraphrase"
    passages = body["shared_passages"]
    assert len(passages) >= 4
    first = passages[0]
    assert spun.strip()[first["query_start"] : first["query_end"]].split()[:3] == spun.strip().split()[:3]


def test_semantic_compare_scores_same_story_by_embedding(redis_url, namespace, store, tmp_path):
    """(`store`: its teardown empties the namespace the app opened.)"""
    pytest.importorskip("onnxruntime")
    from fastapi.testclient import TestClient

    from indexer import semantic
    from service.app import create_app
    from service.settings import Settings

    if not semantic.available():
        pytest.skip("syndetect[semantic] is not installed")
    seeds = [
        read_fixture("similarity", name) for name in ("002_7c2d817576f8b079.txt", "004_aa27b6e4088c5d31.txt")
    ]
    app = create_app(
        Settings(redis_url=redis_url, namespace=namespace, data_dir=tmp_path, semantic_compare=True)
    )
    with TestClient(app) as semantic_client:
        body = semantic_client.post(
            "/v1/compare", json={"a": {"text": seeds[0]}, "b": {"text": seeds[1]}}
        ).json()
        unrelated = semantic_client.post(
            "/v1/compare", json={"a": {"text": seeds[0]}, "b": {"text": FROST}}
        ).json()
    assert body["relation"] == "same_story"
    assert unrelated["similarity"]["same_story"] < body["similarity"]["same_story"]


@pytest.mark.parametrize("precision_pass", [True, False])
def test_html_precision_pass_setting_reaches_the_extractor(
    redis_url, namespace, store, tmp_path, precision_pass
):
    """(`store`: its teardown empties the namespace the app opened.)"""
    from fastapi.testclient import TestClient

    from indexer.extract import DEFAULT_EXTRACT_SETTINGS
    from service.app import create_app
    from service.settings import Settings

    settings = Settings(
        redis_url=redis_url, namespace=namespace, data_dir=tmp_path, html_precision_pass=precision_pass
    )
    app = create_app(settings)
    with TestClient(app):
        share = app.state.resources.extractor.settings.precision_min_share
    assert share == (DEFAULT_EXTRACT_SETTINGS.precision_min_share if precision_pass else None)
    assert DEFAULT_EXTRACT_SETTINGS.precision_min_share is not None


def test_openapi_documents_every_response_body(client):
    """Routes return ready JSON (serialised once); their models must still reach the schema."""
    paths = client.get("/openapi.json").json()["paths"]
    documented = {
        (method.upper(), path): op["responses"]["200"]["content"]["application/json"]["schema"].get(
            "$ref", ""
        )
        for path, ops in paths.items()
        for method, op in ops.items()
        if "200" in op["responses"] and path.startswith("/v1/")
    }
    assert documented == {
        ("PUT", "/v1/articles/{article_id}"): "#/components/schemas/IndexOut",
        ("GET", "/v1/articles/{article_id}"): "#/components/schemas/ArticleOut",
        ("POST", "/v1/articles/batch"): "#/components/schemas/BatchOut",
        ("GET", "/v1/articles/{article_id}/matches"): "#/components/schemas/MatchesOut",
        ("POST", "/v1/matches"): "#/components/schemas/MatchesOut",
        ("POST", "/v1/compare"): "#/components/schemas/CompareOut",
        ("POST", "/v1/clean"): "#/components/schemas/CleanOut",
    }
