"""Lines a page says twice in a row (made-up text around the seed article of `test_clean.py`)."""

from __future__ import annotations

from indexer.clean import clean_text
from tests.indexer.test_clean import line_reasons, seed_lines

CAPTION = "The Home Secretary speaks to reporters outside the Home Office in London on Thursday morning."


def test_a_caption_over_and_under_its_photo_is_kept_once() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:3], CAPTION, "Image 1 of 6", CAPTION, *body[3:]])
    result = clean_text(text)
    kept = result.text.split("\n")
    assert kept.count(CAPTION) == 1
    assert line_reasons(text, result)[CAPTION] == "repeated"  # the dict keeps the last copy's reason
    assert [line for line in kept if line in body] == body


def test_a_sentence_the_article_repeats_on_purpose_stays() -> None:
    body = seed_lines("seed_004.txt")
    sentence = body[2]
    text = "\n".join([*body[:3], "It is worth reading that twice, slowly:", sentence, *body[3:]])
    assert clean_text(text).text == text


def test_entries_a_table_repeats_further_down_stay() -> None:
    body = seed_lines("seed_004.txt")
    row = "Review panel: closed cases looked at again on request"
    text = "\n".join([*body[:3], row, *body[3:6], row, *body[6:]])
    assert clean_text(text).text.split("\n").count(row) == 2


def test_a_caption_cut_short_next_to_its_full_text_goes() -> None:
    """Expandable captions print the full text and the cut one ("... more") one after the other."""
    body = seed_lines("seed_004.txt")
    short = "The Home Secretary speaks to reporters outside the Home Office... more"
    text = "\n".join([*body[:3], CAPTION, short, *body[3:]])
    result = clean_text(text)
    assert line_reasons(text, result)[short] == "repeated"
    assert short not in result.text.split("\n")
    assert [line for line in result.text.split("\n") if line in body] == body


def test_a_paragraph_trailing_off_with_an_ellipsis_stays() -> None:
    body = seed_lines("seed_004.txt")
    trailing = "The Home Secretary said she would not rest until the survivors had justice, and then..."
    follow = "The Home Secretary said she would not rest until the survivors had justice, and the panel met."
    text = "\n".join(
        [*body[:3], trailing, "She paused for a long time before she went on.", follow, *body[3:]]
    )
    assert clean_text(text).text == text
