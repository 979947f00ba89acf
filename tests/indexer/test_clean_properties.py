"""Invariants of `clean_text` on arbitrary input, and bounded time on hostile input."""

from __future__ import annotations

import random
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.clean import CleanResult, clean_text

SEED = (Path(__file__).resolve().parents[2] / "fixtures" / "clean" / "seed_004.txt").read_text(
    encoding="utf-8"
)
CLUTTER = [
    "Related Articles",
    "Comments (3)",
    "Posted by someone",
    "Share on Facebook Share on Twitter",
    "© 2025 Example Media. All rights reserved.",
    "Home | News | Sport",
    "2 hours ago",
    "MORE: Another headline here",
    "",
    "   ",
    "\r",
]
lines = st.one_of(
    st.sampled_from([*SEED.split("\n"), *CLUTTER]),
    st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=80),
)
pages = st.lists(lines, max_size=40).map("\n".join)


def assert_rebuilds(text: str, result: CleanResult) -> None:
    """Spans are sorted, disjoint, non-empty and inside the text; the text outside them,
    concatenated, is exactly the cleaned text; and that is the input lines left whole by the
    spans, joined by newlines (lines are removed whole; blank lines are always removed)."""
    position = 0
    kept_segments = []
    for span in result.spans:
        assert position <= span.start < span.end <= len(text)
        assert span.reason and 0.0 <= span.score <= 1.0
        kept_segments.append(text[position : span.start])
        position = span.end
    kept_segments.append(text[position:])
    assert "".join(kept_segments) == result.text
    covered = bytearray(len(text) + 1)
    for span in result.spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    kept_lines, offset = [], 0
    for line in text.split("\n"):
        hits = covered[offset : offset + len(line)].count(1)
        assert hits in (0, len(line)), "a line was cut, not removed whole"
        if line.strip() and not hits:
            kept_lines.append(line)
        offset += len(line) + 1
    assert "\n".join(kept_lines) == result.text
    assert_headline_is_a_kept_line(text, result)


def assert_headline_is_a_kept_line(text: str, result: CleanResult) -> None:
    """The headline range is whole kept lines of the input (one, or a hard-wrapped headline's
    few, in a row), and `body` is the cleaned text without them."""
    if result.headline is None:
        assert result.body == result.text
        return
    start, end = result.headline
    line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    lines = text.split("\n")
    first = line_starts.index(start)
    last = next(i for i in range(first, len(lines)) if line_starts[i] + len(lines[i]) == end)
    assert not any(span.start < end and start < span.end for span in result.spans)
    kept = result.text.split("\n")
    position = sum(1 for i in range(first) if lines[i].strip() and not _removed(result, line_starts[i]))
    count = last - first + 1
    assert kept[position : position + count] == lines[first : last + 1]
    assert result.body == "\n".join(kept[:position] + kept[position + count :])


def _removed(result: CleanResult, offset: int) -> bool:
    return any(span.start <= offset < span.end for span in result.spans)


@settings(max_examples=300, deadline=None)
@given(pages, st.one_of(st.none(), st.sampled_from(["Home Secretary unveils new measures", ""])))
def test_cleaned_text_and_spans_rebuild_the_input(text: str, title: str | None) -> None:
    assert_rebuilds(text, clean_text(text, title=title))


@settings(max_examples=100, deadline=None)
@given(pages)
def test_cleaning_is_deterministic(text: str) -> None:
    assert clean_text(text) == clean_text(text)


def _timed(text: str) -> tuple[CleanResult, float]:
    started = time.perf_counter()
    result = clean_text(text)
    return result, time.perf_counter() - started


def test_empty_and_blank_input() -> None:
    assert clean_text("") == CleanResult(text="", spans=())
    result = clean_text("\n\n  \n")
    assert result.text == ""
    assert_rebuilds("\n\n  \n", result)


def test_binary_junk_is_handled_quickly() -> None:
    junk = bytes(random.Random(7).randrange(256) for _ in range(300_000)).decode("latin-1")
    result, seconds = _timed(junk)
    assert_rebuilds(junk, result)
    assert seconds < 2.0


def test_one_megabyte_line_without_newline() -> None:
    line = "word " * 200_000 + "(" * 50_000 + "a" * 50_000
    result, seconds = _timed(line)
    assert_rebuilds(line, result)
    assert seconds < 1.0


def test_five_megabyte_page_is_bounded() -> None:
    page = (SEED + "\nHome | News | Sport\nShare this article\n") * (5_000_000 // len(SEED) + 1)
    result, seconds = _timed(page)
    assert_rebuilds(page, result)
    assert seconds < 5.0
    assert result.spans[-1].reason == "overflow"


def test_normal_page_is_fast() -> None:
    _, seconds = _timed(SEED)
    assert seconds < 0.2


def test_thousands_of_long_lines_sharing_their_sentences_are_bounded() -> None:
    """Every line restates every other: the check for body copies must stay linear."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    shared = ". ".join(" ".join(letters[n : n + 11]) for n in range(9))
    page = "\n".join(f"{shared}. x {n}" for n in range(5_000))
    result, seconds = _timed(page)
    assert_rebuilds(page, result)
    assert seconds < 1.0
