"""The C line-shape kernel (`indexer._lines`) against the Python path of `line_features`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.clean import DEFAULT_SETTINGS, lines

SEEDS = Path(__file__).resolve().parents[2] / "fixtures"
needs_line_kernel = pytest.mark.skipif(lines.native is None, reason="the C kernel was not built")

# Every ASCII character class the rules tell apart: letters of both cases, digits, "_", the
# backtick, separators, sentence punctuation and each kind of ASCII whitespace str.split knows.
UNICODE_TRICKY = st.text(
    # Typographic quotes and dashes, separators, non-breaking and other Unicode spaces, letters
    # that fold or change length (\u0130, \u00df, ligatures), digits of other scripts, ideographs.
    alphabet=st.sampled_from(
        list("aZ9_ -|\u2019\u201c\u201d\u2013\u2014\u00bb\u2022\u00b7\u00a0\u2009\u3000\u200b\u00ad")
        + list("\u0130\u00df\ufb01\u00e9\u00c9\u0663\u00b2\u2160\u24b6\u4e2d\u30ab\u0e01\u2026")
    ),
    max_size=120,
)
ASCII_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("aZqQ09_`|/-.,!?:;'\"()#")
        + [" ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x00", "\x7f"]
    ),
    max_size=200,
)
STOP_WORD_TEXT = st.lists(
    st.sampled_from(
        ["the", "The", "and", "of", "whereupon", "Herself", "x", "ab", "cat", "123", "4th", "| ", "- "]
    ),
    max_size=40,
).map(" ".join)


def features_by_both_paths(line: str) -> tuple[dict, dict]:
    kernel = dataclasses.asdict(lines.line_features(line, DEFAULT_SETTINGS))
    saved, lines.native = lines.native, None
    try:
        return kernel, dataclasses.asdict(lines.line_features(line, DEFAULT_SETTINGS))
    finally:
        lines.native = saved


@needs_line_kernel
@settings(max_examples=500, deadline=None)
@given(st.one_of(ASCII_TRICKY, UNICODE_TRICKY, STOP_WORD_TEXT))
def test_line_kernel_agrees_with_the_python_path(line):
    kernel, python_path = features_by_both_paths(line)
    assert kernel == python_path


@needs_line_kernel
def test_line_kernel_agrees_with_the_python_path_on_the_seed_pages():
    pages = sorted(SEEDS.rglob("*.txt"))
    assert pages
    for page in pages:
        for line in page.read_text().split("\n"):
            kernel, python_path = features_by_both_paths(line)
            assert kernel == python_path


@needs_line_kernel
def test_line_kernel_normalises_only_ascii_heads():
    with pytest.raises(ValueError, match="ASCII"):
        lines.native.shape("caf\u00e9", None, lines._SEPARATOR_CHARS, lines._STOP_TABLE, 3)


@needs_line_kernel
@given(
    strings=st.lists(st.text(alphabet="ab c(©é\u4e2d", min_size=1, max_size=4), min_size=1, max_size=6),
    text=st.text(alphabet="ab c(©é\u4e2d\udc80", max_size=40),
)
def test_substring_gate_kernel_finds_what_the_regex_finds(strings: list[str], text: str) -> None:
    """Any needle, also one a byte long (the regex then answers) and a text with a lone surrogate
    (no UTF-8 form: the regex answers too)."""
    gate = lines.SubstringGate(strings)
    assert gate.search(text) == (gate.pattern.search(text) is not None) == any(s in text for s in strings)


@needs_line_kernel
def test_the_phrase_rules_gate_uses_the_kernel_and_agrees_on_fixture_lines() -> None:
    gate = lines._ANY_GATE
    assert gate._native
    for path in sorted(SEEDS.rglob("*.txt")):
        for line in path.read_text("utf-8").split("\n"):
            low = lines.line_features(line, DEFAULT_SETTINGS).low
            assert gate.search(low) == (gate.pattern.search(low) is not None), line
