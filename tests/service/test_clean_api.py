"""Clutter over HTTP: indexing matches on cleaned text, template lines are learned per source."""

from __future__ import annotations

import textwrap

from tests.conftest import read_fixture

BRIDGE = read_fixture("articles", "harbour_bridge.txt")
FROST = read_fixture("articles", "orchard_frost.txt")
SEED = read_fixture("similarity", "002_7c2d817576f8b079.txt")
FOOTER = "The Valley Courier is an independent newspaper serving the Eastbrook district since 1921"


def _story(i: int) -> str:
    """Distinct short articles of one outlet, each with the outlet's standing footer line."""
    subjects = ["library", "swimming pool", "bus depot", "market hall", "fire station", "school", "museum"]
    subject = subjects[i % len(subjects)]
    return (
        f"Work on the new {subject} in Eastbrook will start in {2026 + i} after councillors approved plan number {100 + i}.\n"
        f"The project, budgeted at {3 + i} million pounds, was delayed for {i + 2} years by disputes over the site on Mill Lane.\n"
        f"Residents told the planning committee the {subject} was long overdue and asked for work to avoid school hours.\n"
        f"{FOOTER}"
    )


def test_template_line_is_learned_per_source_and_reads_do_not_learn(client):
    probe = {"text": _story(50), "source": "courier.example"}
    store = client.app.state.resources.index.store
    before = sorted(store.key_names())
    for _ in range(3):  # read-only calls never change the learned statistics
        client.post("/v1/clean", json=probe)
        client.post("/v1/matches", json=probe)
    assert sorted(store.key_names()) == before
    assert all(
        span["reason"] != "site_template" for span in client.post("/v1/clean", json=probe).json()["removed"]
    )

    for i in range(6):
        assert (
            client.put(
                f"/v1/articles/courier-{i}", json={"text": _story(i), "source": "courier.example"}
            ).status_code
            == 200
        )
    cleaned = client.post("/v1/clean", json=probe).json()
    template = [s for s in cleaned["removed"] if s["reason"] == "site_template"]
    assert [cleaned["source_text"][s["start"] : s["end"]].strip() for s in template] == [FOOTER]
    assert FOOTER not in cleaned["text"]
    # Another outlet carrying the same line has not learned it.
    other = client.post("/v1/clean", json={"text": _story(50), "source": "other.example"}).json()
    assert all(s["reason"] != "site_template" for s in other["removed"])
    # Deleting the articles uncounts their lines.
    for i in range(6):
        client.delete(f"/v1/articles/courier-{i}")
    assert all(s["reason"] != "site_template" for s in client.post("/v1/clean", json=probe).json()["removed"])


def test_different_templates_around_one_wire_copy_do_not_hide_it(client):
    wrapped_a = (
        "Subscribe to our morning briefing\nShare on Facebook\n"
        + SEED
        + "\n\u00a9 2025 Alpha Media Ltd. All rights reserved."
    )
    wrapped_b = (
        "Advertisement\n"
        + SEED
        + "\nRead more: Council approves new budget for schools\nBe the first to comment"
    )
    client.put("/v1/articles/alpha", json={"text": wrapped_a, "source": "alpha.example"})
    body = client.put("/v1/articles/beta", json={"text": wrapped_b, "source": "beta.example"}).json()
    assert body["matches"][0]["id"] == "alpha"
    assert body["matches"][0]["relation"] == "exact"
    assert {s["reason"] for s in body["removed"]} - {"blank"}


def test_a_wire_copy_sent_hard_wrapped_is_still_an_exact_copy(client):
    """One outlet sends the story one paragraph a line, another as the wire wrapped it at 70
    columns: no wrapped line is cut as a menu, so the copy stays exact."""
    paragraphs = [line for line in SEED.split("\n") if line.strip()]
    wrapped = "\n".join(
        line for paragraph in paragraphs for line in textwrap.wrap(paragraph, 70, initial_indent="    ")
    )
    client.put("/v1/articles/flat", json={"text": "\n".join(paragraphs), "source": "flat.example"})
    body = client.put("/v1/articles/wrapped", json={"text": wrapped, "source": "wire.example"}).json()
    assert body["removed"] == []
    assert body["matches"][0]["id"] == "flat"
    assert body["matches"][0]["relation"] == "exact"


def test_one_outlets_template_does_not_make_unrelated_articles_alike(client):
    promo = (
        "Subscribe to the Eastbrook Daily newsletter for the morning headlines delivered to your inbox\n"
        "Follow us on Facebook, Twitter and Instagram for breaking news from across the district\n"
        "Copyright 2025 Eastbrook Daily Media Group. All rights reserved. Terms of use apply."
    )
    client.put("/v1/articles/bridge", json={"text": BRIDGE + "\n" + promo, "source": "daily.example"})
    body = client.put(
        "/v1/articles/frost", json={"text": FROST + "\n" + promo, "source": "daily.example"}
    ).json()
    assert all(
        m["relation"] not in {"exact", "near_duplicate", "syndicated", "paraphrase"} for m in body["matches"]
    )


# A tour's venues, short lines of one field each (fixtures/clean/tour_dates.txt without the dates).
VENUES = [date.split(" @ ")[1] for date in read_fixture("clean", "tour_dates.txt").splitlines()]


def test_html_is_cleaned_gently_after_extraction(client):
    """The extractor already dropped the page's navigation, so short lines of the article itself
    (a list of venues) stay; sent as plain text, the same lines look like a menu."""
    body = [line for line in read_fixture("clean", "seed_004.txt").split("\n") if line.strip()]
    paragraphs = "".join(f"<p>{line}</p>" for line in body)
    venues = "".join(f"<p>{venue}</p>" for venue in VENUES)
    html = f"<html><body><article>{paragraphs}<h2>Venues</h2>{venues}</article></body></html>"
    from_html = client.post("/v1/clean", json={"html": html}).json()["text"]
    assert all(venue in from_html for venue in VENUES)
    as_text = client.post("/v1/clean", json={"text": "\n".join([*body, "Venues", *VENUES])}).json()["text"]
    assert not all(venue in as_text for venue in VENUES)


def test_the_clean_answer_names_the_headline_line(client):
    body = [line for line in read_fixture("clean", "seed_004.txt").split("\n") if line.strip()]
    headline = "Grooming gangs: victims get new powers"
    text = "\n".join(["Home", "News", "Sport", "Weather", headline, *body[1:]])
    answer = client.post("/v1/clean", json={"text": text}).json()
    found = answer["headline"]
    assert found["text"] == headline
    assert answer["source_text"][found["start"] : found["end"]] == headline
    assert headline in answer["text"].split("\n")


def test_the_clean_answer_gives_the_extracted_or_given_title_without_offsets(client):
    body = [line for line in read_fixture("clean", "seed_004.txt").split("\n") if line.strip()]
    paragraphs = "".join(f"<p>{line}</p>" for line in body[1:])
    html = f"<html><head><title>{body[0]}</title></head><body><article><h1>{body[0]}</h1>{paragraphs}</article></body></html>"
    answer = client.post("/v1/clean", json={"html": html}).json()
    assert answer["headline"] == {"text": body[0], "start": None, "end": None}
    assert body[0] not in answer["source_text"]
    given = client.post("/v1/clean", json={"text": "\n".join(body[1:]), "title": "Abuse plan"}).json()
    assert given["headline"] == {"text": "Abuse plan", "start": None, "end": None}
    bare = client.post("/v1/clean", json={"text": "\n".join(body[1:])}).json()
    assert bare["headline"] is None
    blank = client.post("/v1/clean", json={"text": "\n".join(body[1:]), "title": "  "}).json()
    assert blank["headline"] is None
