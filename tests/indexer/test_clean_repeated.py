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


def test_the_body_run_together_on_one_line_below_the_article_goes() -> None:
    """Full-page text with the page's metadata (the whole body on one line) dumped under it."""
    body = seed_lines("seed_004.txt")
    dump = " ".join(body[1:12])
    text = "\n".join([*body, "Share this article", dump])
    result = clean_text(text)
    assert line_reasons(text, result)[dump] == "repeated"
    assert [line for line in result.text.split("\n") if line in body] == body


def test_the_body_run_together_above_the_article_goes_and_the_paragraphs_stay() -> None:
    body = seed_lines("seed_004.txt")
    dump = " ".join(body[1:12])
    text = "\n".join([body[0], dump, *body[1:]])
    result = clean_text(text)
    assert line_reasons(text, result)[dump] == "repeated"
    assert [line for line in result.text.split("\n") if line in body] == body


def test_a_long_paragraph_quoting_a_few_others_stays() -> None:
    """A closing summary that repeats sentences from three paragraphs is the article's own."""
    body = seed_lines("seed_004.txt")
    summary = " ".join(
        [
            "To sum up the day's announcements for readers who came late.",
            *body[1:4],
            "Campaigners said they would judge the plan by what it delivers for survivors in the next year.",
        ]
    )
    text = "\n".join([*body, summary])
    assert clean_text(text).text == text


def test_paragraphs_of_one_length_that_say_the_same_stay() -> None:
    """Terms of an offer spelt out once per country share most of their sentences."""
    shared = [
        "The offer applies to orders placed on our website between the first and the last day of March",
        "It cannot be combined with any other discount code, voucher or loyalty reward that we offer",
        "Gift cards, subscriptions and items already reduced in price are excluded from this promotion",
        "We reserve the right to end the promotion early if stock of the free gift runs out before then",
        "Returns of discounted items are refunded at the price that was actually paid for them at checkout",
        "Questions about the offer can be sent to our customer care team, who answer within two working days",
    ]
    countries = ["the United States", "the United Kingdom", "Canada", "Australia", "Ireland"]
    terms = [
        f"Customers in {country} receive a free travel-size cleanser with any order of three or more "
        f"products shipped to an address in {country}. " + ". ".join(shared) + "."
        for country in countries
    ]
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:6], *terms, *body[6:]])
    assert clean_text(text).text == text


TICKER = [
    "Council votes to close three branch libraries LEEDS: Councillors voted on Tuesday to close three branch libraries in the",
    "Rail strike called off after late pay offer MANCHESTER: A strike planned for Friday was called off after the operator",
    "Harbour seals return to the estuary for the first time in decades HULL: Seals have been seen in the estuary again, said",
    "Storm warning issued for the north coast ABERDEEN: Forecasters issued an amber warning for winds of up to 80mph on the",
]


def test_a_ticker_of_other_stories_printed_again_at_the_foot_goes_from_both_places() -> None:
    """Full-page text of a news site: a ticker of headline-and-lead lines above the article, and
    the same ticker again in a "Related Articles" box at the foot of the page."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*TICKER, *body, "Related Articles", *TICKER, "Contact us"])
    result = clean_text(text)
    kept = result.text.split("\n")
    assert not [line for line in kept if line in TICKER]
    top = result.spans[0]
    assert (top.start, top.reason) == (0, "repeated")
    assert text[top.start : top.end].rstrip("\n").split("\n") == TICKER
    assert [line for line in kept if line in body] == body


def test_the_article_lead_quoted_once_in_a_list_of_other_stories_stays() -> None:
    """One echoed line is the article's own standfirst in a teaser list, not a ticker."""
    body = seed_lines("seed_004.txt")
    standfirst = "Ministers promise a faster review of old abuse cases in England and Wales."
    article = [body[0], standfirst, *body[1:]]
    text = "\n".join([*article, "Related Articles", standfirst, *TICKER[:2]])
    result = clean_text(text)
    assert line_reasons(text, result)[standfirst] == "related"  # the foot's copy goes
    assert result.text.split("\n")[: len(article)] == article


def test_an_article_printed_twice_keeps_its_first_copy() -> None:
    """Paragraphs echoed under a removed block are the article itself, not a ticker."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, "Comments", *body])
    assert clean_text(text).text.split("\n")[: len(body)] == body


def test_paragraphs_a_comment_quotes_stay_in_the_article() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, "Comments (3)", *body[1:4]])
    assert clean_text(text).text.split("\n")[: len(body)] == body


def test_a_ticker_cut_short_with_ellipses_goes() -> None:
    """Tickers print each story's headline and the start of its lead, cut with an ellipsis (here
    repeated under the page's comments, as a news site's footer box ends up in a scrape)."""
    ticker = [f"{line} front page of the paper this week..." for line in TICKER]
    body = seed_lines("seed_004.txt")
    text = "\n".join([*ticker, *body, "Comments", *ticker])
    result = clean_text(text)
    assert (result.spans[0].start, result.spans[0].reason) == (0, "repeated")
    assert [line for line in result.text.split("\n") if line in body] == body


def test_the_article_headline_and_standfirst_echoed_in_a_teaser_list_stay() -> None:
    """The foot's list of stories shows this article too (its headline and standfirst, between
    other stories): the article's own headline and standfirst are no ticker."""
    body = seed_lines("seed_004.txt")
    headline = "Grooming gangs: victims get new powers"
    standfirst = "Ministers promise a faster review of old abuse cases in England and Wales."
    foot = ["Related Articles", TICKER[0], headline, standfirst, TICKER[1], TICKER[2]]
    text = "\n".join([TICKER[0], headline, standfirst, *body[1:], *foot])
    result = clean_text(text)
    assert result.headline is not None
    assert text[slice(*result.headline)] == headline
    assert standfirst in result.text.split("\n")


CUT_CAPTION = "The Home Secretary speaks to reporters outside the Home Office... more"


def _reasons_of_caption_pair(full: str) -> tuple[str | None, str | None]:
    """The reasons `full` and its cut copy go for, printed together inside the seed article,
    after checking that the article itself is kept whole."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:3], full, CUT_CAPTION, *body[3:]])
    result = clean_text(text)
    assert result.text == "\n".join(body)
    reasons = line_reasons(text, result)
    return reasons[full], reasons[CUT_CAPTION]


def test_a_caption_widget_printed_open_and_closed_goes_whole() -> None:
    """Expandable captions, scraped in both states: the whole caption with its "less" toggle and
    the caption cut short with "... more". Both are the caption."""
    full = f"{CAPTION} The visit was her first since the report was published. less"
    assert _reasons_of_caption_pair(full) == ("caption", "repeated")


def test_the_cut_copy_of_a_removed_caption_goes_with_it() -> None:
    assert _reasons_of_caption_pair(f"{CAPTION} (AP Photo/Jane Doe) less") == ("caption", "caption")


def test_a_sentence_ending_in_less_with_no_cut_copy_stays() -> None:
    body = seed_lines("seed_004.txt")
    sentence = "Survivors said the new powers would matter more if the panels were paid for, and less"
    text = "\n".join([*body[:3], sentence, "if they were not.", *body[3:]])
    assert clean_text(text).text == text


def test_a_headline_printed_twice_is_kept_once_as_the_headline() -> None:
    """A page prints its headline twice (a breadcrumb's title over the headline, or the headline
    over its share box): one copy goes as repeated, the other stays as the headline."""
    body = seed_lines("seed_004.txt")
    headline, article = body[0], body[1:]
    for text in (
        "\n".join([headline, "Share", headline, *article]),
        "\n".join([headline, "", headline, "By Staff Reporter", *article]),
    ):
        result = clean_text(text)
        assert result.text.split("\n").count(headline) == 1
        assert result.headline is not None
        assert text[slice(*result.headline)] == headline
        assert [line for line in result.text.split("\n") if line in article] == article


def test_a_card_title_printed_twice_in_a_row_goes_from_both_places() -> None:
    """A card of another story prints its title as the image's alt text and again as the link;
    the article around it stays."""
    body = seed_lines("seed_004.txt")
    title = "Column: A vulture firm's bid for the chain shows there is still value in newspapers"
    text = "\n".join([*body[:5], title, "", title, *body[5:]])
    result = clean_text(text)
    assert title not in result.text.split("\n")
    assert result.text.split("\n") == body


def test_a_table_header_printed_twice_over_its_rows_is_kept_once() -> None:
    body = seed_lines("seed_004.txt")
    header = "Pos Player Plays Share Stats"
    rows = ["DL Larry Ogunjobi 63 85% 1 tackle", "LB Joe Schobert 74 100% 7 tackles, 3 assists"]
    text = "\n".join([*body[:5], header, header, *rows, *body[5:]])
    assert clean_text(text).text.split("\n").count(header) == 1


def test_a_line_printed_twice_above_the_article_is_kept_once() -> None:
    """The page's own title printed twice at its top is not another story's card."""
    body = seed_lines("seed_004.txt")
    title = "Marketing made to meet your business goals"
    text = "\n".join([title, title, *body])
    assert clean_text(text).text.split("\n").count(title) == 1


def test_a_bracketed_cell_printed_twice_in_a_row_is_kept_once() -> None:
    """Two columns of a comparison table give the same note side by side: no card's title."""
    body = seed_lines("seed_004.txt")
    cell = "(includes housing, trim, and the lamp)"
    text = "\n".join([*body[:5], cell, cell, *body[5:]])
    assert clean_text(text).text.split("\n").count(cell) == 1
