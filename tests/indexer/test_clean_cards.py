"""Lists of other stories laid out as cards, and the article shapes that must survive them.

All text is made up for these tests; the article is the seed page of `test_clean.py`."""

from __future__ import annotations

from indexer.clean import EXTRACTED_SETTINGS, clean_text
from tests.indexer.test_clean import line_reasons, seed_lines

# An aggregator's "more stories" cards: kicker, headline, a votes-and-source line, one-line dek.
CARDS = [
    "DOWN BY THE HARBOUR",
    "Fishermen Say The Mackerel Have Moved North Three Seasons Early",
    "12 votes harbourdaily.example Nature",
    "Skippers told the port authority their catches collapsed after the warm autumn water.",
    "SLOW AND STEADY",
    "The Tortoise That Crossed A Motorway And Became A Village Celebrity",
    "4 votes Animals Video",
    "Drivers stopped for twenty minutes while the animal made its way across three lanes.",
    "PRICED OUT",
    "Why A Loaf Of Sourdough Now Costs More Than A Cinema Ticket Downtown",
    "7 votes breadtimes.example Food Money",
    "Bakers blame the flour price, the rent and the electricity for their ovens.",
    "NEW HIGH SCORE",
    "Retired Teacher Breaks Arcade Record She First Set In Nineteen Eighty Four",
    "2 votes Gaming",
    "She had not played the cabinet for forty years when her grandson found it online.",
]
# The article's own entries, each with a short name, a line of facts and a paragraph: the same
# shape as the cards and just as varied in subject, but no entry carries a headline.
FILM_LIST = [
    "'Harbour Lights'",
    "Where to watch: Streamline",
    "A retired lighthouse keeper takes in a runaway teenager in this gentle drama shot on the Cornish coast.",
    "'Ninth Inning'",
    "Where to watch: Boxset Plus",
    "A baseball team of pensioners enters the county league and loses every game but the last one.",
    "'Cold Glass'",
    "Where to watch: Filmhouse",
    "Two sisters restore their late father's stained-glass workshop and uncover his forgeries.",
    "'Paper Moons'",
    "Where to watch: Streamline",
    "An origami artist is hired to fold a thousand cranes for a wedding that keeps being postponed.",
]
FILM_INTRO = [
    "Four films to stream this weekend",
    "Need something to watch tonight? These four new films are streaming now, from a coastal drama to a baseball comedy.",
    "Winter evenings are long, cinema tickets are dear and the services have filled their catalogues with films.",
    "Our critics watched every new arrival and picked the ones worth your Friday night, and where each one is on.",
    "Prices vary by service, several offer a free week for new members, and all four films run under two hours.",
]


def test_cards_of_other_stories_above_the_article_are_removed() -> None:
    """Cards of four lines each, no header above them: the pair rule misses them (three
    headline-like lines per card), the card shape and the topic do not."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*CARDS, *body])
    result = clean_text(text)
    reasons = line_reasons(text, result)
    assert {reasons[line] for line in CARDS[1::4] + CARDS[3::4]} == {"related"}
    assert result.text == "\n".join(body)


def test_cards_after_the_article_are_removed_and_the_article_kept() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, *CARDS])
    result = clean_text(text)
    assert result.text == "\n".join(body)


def test_a_list_whose_entries_are_named_not_headlined_stays() -> None:
    """A listicle's entries are as varied as teaser cards, but named in two or three words."""
    text = "\n".join([*FILM_INTRO, *FILM_LIST])
    assert clean_text(text, title=FILM_INTRO[0], settings=EXTRACTED_SETTINGS).text == text
    assert clean_text(text, title=FILM_INTRO[0]).text == text


def test_the_article_with_sub_headed_sections_stays() -> None:
    """An article of sub-headings and short paragraphs on its own subject is a run of cards in
    shape, and stays whole."""
    body = seed_lines("seed_004.txt")
    sections = [
        "What The Review Panel Will Do For Survivors Of Grooming Gangs",
        "Survivors can ask the panel to look again at closed grooming gang cases the police dropped.",
        "How The Home Secretary Will Fund Local Grooming Gang Inquiries",
        "Five million pounds will back locally-led inquiries into grooming gangs and child sexual abuse.",
        "When The Home Office Will Publish Its Timetable For The Inquiry",
        "The Home Secretary promised a timetable for the inquiry recommendations on child sexual abuse by Easter.",
    ]
    text = "\n".join([*body[:5], *sections, *body[5:]])
    assert clean_text(text).text == text


# Other stories under an op-ed, each card a headline, its author, its date and a short summary;
# the second is another story of the article's own event.
SIGNED_CARDS = [
    "Fishermen Say The Mackerel Have Moved North Three Seasons Early",
    "Tom Rigby",
    "Wednesday November 20, 2019",
    "Skippers told the port authority their catches collapsed after the warm autumn water.",
    "Survivors Say The Grooming Gangs Review Panel Comes Far Too Late",
    "Jane Holloway",
    "Wednesday November 20, 2019",
    "Survivors of grooming gangs told the Home Secretary the review of closed cases should have come years ago.",
    "Why A Loaf Of Sourdough Now Costs More Than A Cinema Ticket Downtown",
    "Ann Marsh",
    "Tuesday November 19, 2019",
    "Bakers blame the flour price, the rent and the electricity for their ovens.",
    "Retired Teacher Breaks Arcade Record She First Set In Nineteen Eighty Four",
    "Lee Park",
    "Tuesday November 19, 2019",
    "She had not played the cabinet for forty years when her grandson found it online.",
]


def test_a_card_on_the_articles_event_goes_with_the_list_of_other_stories() -> None:
    """A list of other stories is judged whole: its card on the article's own event, between
    cards off it, is another story too, and goes with the rest."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, *SIGNED_CARDS])
    result = clean_text(text)
    assert result.text == "\n".join(body)
    assert line_reasons(text, result)[SIGNED_CARDS[7]] == "related"


def test_the_articles_last_section_before_a_list_of_other_stories_stays() -> None:
    """A list of cards may begin, in shape, with the article's own last sub-heading and
    paragraph: the list goes from its first card off the article's topic."""
    body = seed_lines("seed_004.txt")
    section = [
        "What Happens Next For The Grooming Gang Inquiries",
        "Councils in the pilot areas will test the grooming gang inquiry framework with survivors first.",
    ]
    text = "\n".join([*body, *section, *SIGNED_CARDS[:4], *SIGNED_CARDS[8:]])
    result = clean_text(text)
    assert result.text == "\n".join([*body, *section])
