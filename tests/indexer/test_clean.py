"""The cleaner on made-up site templates wrapped around real article text (fixtures/clean/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from indexer.clean import EXTRACTED_SETTINGS, CleanResult, clean_text, line_keys
from indexer.clean.lines import is_body_like, line_features, pattern_reason
from indexer.clean.settings import DEFAULT_SETTINGS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clean"
COURIER_TITLE = "Starmer orders national grooming gangs operation and statutory inquiry"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def seed_lines(name: str) -> list[str]:
    """The article paragraphs of a seed page (its non-blank lines)."""
    return [line for line in fixture_text(name).split("\n") if line.strip()]


def line_reasons(text: str, result: CleanResult) -> dict[str, str | None]:
    """Each non-blank input line -> the reason it was removed for, or None if kept."""
    reasons: dict[str, str | None] = {}
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip():
            span = next((s for s in result.spans if s.start <= start and end <= s.end), None)
            reasons[line] = span.reason if span else None
    return reasons


def own_reason(line: str) -> str | None:
    """The reason the line's own wording or token make-up gives (`pattern_reason`), if any."""
    reason = pattern_reason(line, line_features(line, DEFAULT_SETTINGS), DEFAULT_SETTINGS)
    return reason[0] if reason else None


@pytest.fixture(scope="module")
def courier() -> dict[str, str | None]:
    text = fixture_text("site_a_courier.txt")
    return line_reasons(text, clean_text(text))


@pytest.fixture(scope="module")
def ledger() -> dict[str, str | None]:
    text = fixture_text("site_b_ledger.txt")
    return line_reasons(text, clean_text(text))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Home | UK | World | Politics | Business | Sport | Culture", "link_list"),
        ("Skip to main content", "navigation"),
        ("By Hannah Whitcombe, Political Correspondent", "byline"),
        ("Sun 15 Jun 2025 09.41 BST", "timestamp"),
        ("Share on Facebook Share on Twitter Share via Email", "share"),
        (
            "Keir Starmer speaking at a press conference in Downing Street on Saturday. Photograph: Stefan Rousseau/PA",
            "caption",
        ),
        (
            "Sign up to our Morning Briefing newsletter and get the day's top stories in your inbox",
            "newsletter",
        ),
        ("Related Articles", "related"),
        ("Why the Bank of England is in no hurry to cut interest rates", "related"),
        ("Comments (3)", "comments"),
        ("My sister waited nine years for anyone to listen to her, and nobody did.", "comments"),
    ],
)
def test_courier_clutter_is_removed_for_its_reason(
    courier: dict[str, str | None], line: str, reason: str
) -> None:
    assert courier[line] == reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("News • Sport • Business • Opinion • Lifestyle", "link_list"),
        ("2 hours ago", "timestamp"),
        ("MORE: Police chiefs warn of record demand on child protection teams", "related"),
        ("ADVERTISEMENT", "promo"),
        ("New rail timetable promises faster journeys across the Pennines", "related"),
        ("Terms of Use | Privacy Policy | Cookie Settings | Contact Us", "link_list"),
    ],
)
def test_ledger_clutter_is_removed_for_its_reason(
    ledger: dict[str, str | None], line: str, reason: str
) -> None:
    assert ledger[line] == reason


@pytest.mark.parametrize(
    ("fixture", "seed"),
    [("site_a_courier.txt", "seed_002.txt"), ("site_b_ledger.txt", "seed_004.txt")],
)
def test_every_article_line_and_the_headline_are_kept(fixture: str, seed: str) -> None:
    text = fixture_text(fixture)
    kept = set(clean_text(text).text.split("\n"))
    assert set(seed_lines(seed)) <= kept
    headline = COURIER_TITLE if fixture == "site_a_courier.txt" else seed_lines(seed)[0]
    assert headline in kept


@pytest.mark.parametrize(
    ("clutter", "reason"),
    [
        ("© 2025 Northern Echo Media Group. All rights reserved.", "copyright"),
        (
            "Copyright 2025 The Associated Press. This material may not be published or broadcast.",
            "copyright",
        ),
        ("Reporting by Jane Smith; Editing by Tom Jones", "byline"),
        ("Jane Smith @janesmith_news / 2 days", "byline"),
        ("Follow us on Facebook", "share"),
        ("Get our free app for breaking news alerts: Download our app", "promo"),
        ("Enter your email address to subscribe", "newsletter"),
        ("(AP Photo/Kirsty Wigglesworth)", "caption"),
        ("Tags: politics, crime, home office", "navigation"),
        ("Updated: 16 January 2025, 14:02 GMT", "timestamp"),
        (
            "We use cookies and other tracking technologies to improve your browsing experience on our site.",
            "copyright",
        ),
        ("By continuing, you consent to our use of cookies and similar tools.", "copyright"),
        # the consent plugins' banners, translated
        (
            "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito.",
            "copyright",
        ),
        (
            "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.",
            "copyright",
        ),
        ("Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.", "copyright"),
        # a privacy overview runs longer than other clutter sentences
        (
            (
                "This website uses cookies to improve your experience while you navigate through the website. "
                "Out of these cookies, the cookies that are categorized as necessary are stored on your browser "
                "as they are essential for the working of basic functionalities of the website. We also use "
                "third-party cookies that help us analyze and understand how you use this website. These cookies "
                "will be stored in your browser only with your consent, and you can opt out of them at any time."
            ),
            "copyright",
        ),
        ("Advert", "promo"),
        ("Advertisements", "promo"),
        # the comment form and the reading time of blog themes, also translated
        ("Laisser un commentaire Annuler la réponse", "comments"),
        ("Du musst angemeldet sein, um einen Kommentar abzugeben.", "comments"),
        ("You must be logged in to post a comment.", "comments"),
        ("Tempo de leitura: 1 minuto", "timestamp"),
        ("Estimated reading time: 4 minutes", "timestamp"),
        ("Police officers outside the station on Saturday morning. Credit: Northern Ledger", "caption"),
        ("The harbour wall after the storm passed on Sunday Credit: Getty - Contributor", "caption"),
        ("Fishermen mend their nets on the quay on July 25, 2019. Jane Smith / AP file", "caption"),
        ("Associated Press writer Jane Smith in Leeds contributed to this report.", "byline"),
        ("The harbour board met again on Tuesday to talk about the new ferry timetable and […]", "related"),
        ("Yes, the new timetable is better (41%, 1,680 Votes)", "poll"),
        ("Total Voters: 4,145", "poll"),
        ("Media playback is unsupported on your device", "caption"),
        ("Close share panel", "share"),
        ("- Next Harbour News", "navigation"),
        ("Previous Harbour News -", "navigation"),
        ("Read Later", "navigation"),
        ("SEE FULL GALLERY", "navigation"),
        (
            "Get harbour alerts and special reports. The stories that matter, delivered weekday mornings.",
            "newsletter",
        ),
        ("(Jane Smith / Associated Press)", "caption"),
        ("Officers outside the station in Leeds on Saturday. (AP)", "caption"),
        # the newsroom's contact lines and pitches for the rest of the site (issue 4's own examples)
        ("Contact our newsdesk at news@northernledger.co.uk", "contact"),
        ("Got a story? Email us at tips@northernledger.co.uk", "contact"),
        ("Write to Jane Smith at jane.smith@northernledger.co.uk", "contact"),
        ("Read more stories like this on our homepage", "promo"),
        ("Morning Briefing Newsletter", "newsletter"),
        (
            "Your privacy is important to us. We have updated our privacy policy to explain how we use data.",
            "copyright",
        ),
        ("We've detected you are on Internet Explorer. Please update to a modern browser.", "navigation"),
        (
            "Products are chosen by our editors. Purchases made through our links may earn us a commission.",
            "promo",
        ),
        ("This post may contain affiliate links. Please see my disclosure page.", "promo"),
        ("This post may contain affiliate and/or referral links. Please see my disclosure page.", "promo"),
        ("We may earn an affiliate commission when you buy through links on our site.", "promo"),
        ("Book a demo", "promo"),
        ("Already have an account? Log in", "promo"),
        ("Skip to main content", "navigation"),
        ("Back to all stories", "navigation"),
        ("4 min read", "timestamp"),
        ("Like this story? Share it with a friend!", "share"),
        ("SEE MORE: Council approves new budget for city parks", "related"),
        ("Also on northernledger.com Pier reopens after storm repairs", "related"),
        ("Police at the scene on Saturday. (Image: Northern Ledger )", "caption"),
        ("READ MORE ON THE LEDGER BY CLICKING HERE", "promo"),
        # a short sentence, prose-like, that only asks the reader to subscribe
        ("Subscribe to the Northern Ledger and get the stories that matter to you.", "newsletter"),
        # the site's voice sending the reader to its social accounts or mailing list, also when
        # the line reads like prose
        (
            (
                "Catch up on our coverage of the council and the courts, and follow us on Facebook, "
                "Instagram and TikTok to stay up to date."
            ),
            "share",
        ),
        ("Join the Facebook group for Ledger readers: facebook.com/groups/ledgerreaders", "share"),
        (
            "Join our mailing list! Get an email whenever a new episode of the podcast is published.",
            "newsletter",
        ),
        ("Would you like to receive notifications about new posts?", "newsletter"),
        ("Get our weekly Ledger Inc. newsletter", "newsletter"),
        ("I agree that Northern Ledger Media can send me the Morning Briefing newsletter.", "newsletter"),
        # an appeal for the reader's money, short or prose-like
        ("This story is funded by readers like you", "promo"),
        (
            (
                "Our newsroom is a non-profit and free to read. Your monthly donations keep our reporters "
                "in the courts and council chambers."
            ),
            "promo",
        ),
        # share prompts of blogs and the e-mailed newsletter's furniture on its web page
        ("PIN FOR LATER", "share"),
        ("Like it? Pin it!", "share"),
        ("Help us spread the word about the Ledger's podcast!", "share"),
        # share prompts that read like a sentence
        ("If you enjoyed this post, please share it with your friends.", "share"),
        ("Spread the joy by sharing this article with someone you love.", "share"),
        (
            (
                "If this newsletter was forwarded to you, welcome: the Ledger's editors write it every Friday "
                "morning for readers across the region."
            ),
            "newsletter",
        ),
        ("View this email in your browser", "newsletter"),
        ("How was today's newsletter?", "newsletter"),
        ("Join the Ledger for free to get updates from this writer.", "newsletter"),
        ("Love the Morning Briefing? Tell your friends and get rewards.", "newsletter"),
        # the page asking for a verdict, a sales pitch, the page's own correction buttons
        (
            (
                "Made this recipe? Please take a moment to leave a star rating below, it helps other readers "
                "find it and tells me what you liked."
            ),
            "comments",
        ),
        (
            (
                "Ready to see how the Ledger's archive can help your newsroom find its stories faster? "
                "Request a demo today and our team will walk you through it."
            ),
            "promo",
        ),
        ("Report an error", "navigation"),
        ("Improve this article", "navigation"),
        # the sign-up form's own messages, a pitch for "your inbox", a page's notice without scripts
        ("You have successfully subscribed. Thank you!", "newsletter"),
        (
            (
                "An email with an activation link has just been sent to you. Please activate your subscription "
                "by clicking on the activation link inside it, and the first issue will follow within a day."
            ),
            "newsletter",
        ),
        (
            (
                "Sign up for the Morning Briefing today and get the five biggest stories from the region "
                "delivered straight to your inbox every weekday morning."
            ),
            "newsletter",
        ),
        ("This slideshow requires JavaScript.", "navigation"),
        # a reuse notice, a how-to-cite line, a comment count with its "New" flag
        (
            (
                "This document is subject to copyright. Apart from any fair dealing for the purpose of private "
                "study or research, no part may be reproduced without the written permission."
            ),
            "copyright",
        ),
        (
            (
                "Citation: Pier reopens after storm repairs (2025, March 3) retrieved 4 March 2025 from "
                "https://northernledger.co.uk/news/pier-reopens"
            ),
            "copyright",
        ),
        ("New, 6 comments", "comments"),
        ("Image 1 of 23", "navigation"),
        # the site's appeal for money, and its buttons
        ("You rely on us, and we rely on you. Help keep this site free.", "promo"),
        ("Make a contribution", "promo"),
        ("Become a member:", "promo"),
        (
            "NYSE and AMEX quotes delayed by at least 20 minutes. Nasdaq delayed by at least 15 minutes.",
            "copyright",
        ),
        # cross-links to the site's other stories, bracketed or named by the site
        ("[Related: Council votes to close the pier for repairs]", "related"),
        ("On northernledger.co.uk: Pier reopens after storm repairs", "related"),
        ("Staff writer Jane Roe can be reached at jroe@northernledger.co.uk or 01632 960 123.", "contact"),
        # a paywall's notice in place of the rest of the story
        ("Tom Krisher, AP Auto Writer", "byline"),
        ("NorthernLedger.co.uk", "navigation"),  # the site's name as its bare domain
        ("To read this article in full you must be registered with the site.", "promo"),
        ("The full article contains 283 words and appears in the Northern Ledger.", "promo"),
        ("Patrick Semansky, ASSOCIATED PRESS", "caption"),
        ("Home Office handout via AP", "caption"),
        # appeals, the wire's trailers, widgets
        ("Every day we send an email with the top stories from The Courier.", "newsletter"),
        ("Get the Courier New Tab Extension", "promo"),
        (
            (
                "In each episode of his weekly show, our political editor looks a little deeper into the "
                "week at Westminster. Click to subscribe!"
            ),
            "promo",
        ),
        ("Support The Courier so we continue to pursue the facts, for you and everyone else.", "promo"),
        (
            (
                "We do this work every day at no cost to you, but it is far from free to produce. "
                "To ensure The Courier endures, we need your support."
            ),
            "promo",
        ),
        (
            "Reach the reporters on Twitter at http://twitter.com/janedoeAP and http://twitter.com/jsmith",
            "contact",
        ),
        ("Follow AP's full coverage of the grooming gangs inquiry at https://apnews.com/hub/uk", "promo"),
        ("An error has occurred, please try again later.", "navigation"),
        # a form's notices, held hidden in the page until needed
        ("Oops! Something went wrong while submitting the form.", "navigation"),
        ("Thank you! Your submission has been received!", "navigation"),
        ("This field is for validation purposes and should be left unchanged.", "navigation"),
        # the page's tools and the ad slot's label
        ("E-mail this to a friend", "share"),
        ("Send to a friend", "share"),
        ("Republish this article", "share"),
        ("Link copied!", "share"),
        ("View Larger Image", "navigation"),
        ("Full Bio", "navigation"),
        ("Article continues below advertisement", "promo"),
        ("Ads by Google", "promo"),
        ("Photo courtesy of the Harbour Trust", "caption"),
        ("Note: You must have JavaScript enabled to submit the form.", "navigation"),
        ("Have your say about this article", "comments"),
        # the writer's other work, and where the story was printed first
        ("View all posts by Jane Doe", "byline"),
        (
            (
                "A version of this article appears in print on Jan. 17, 2025, Section A, Page 6 with "
                "the headline: Survivors Get New Powers."
            ),
            "byline",
        ),
        ("This article was originally published on 17 Jan 2025 and has been updated.", "byline"),
        (
            "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
            "share",
        ),
        # sales buttons, naming what they book, one or two on a line, with the desk's number
        ("Start Your 14-Day Free Trial", "promo"),
        ("Book a free consultation today", "promo"),
        ("Get a Quote (212) 555-0143", "promo"),
        ("Start Free Trial Request Demo", "promo"),
        ("Try Ledger Pro for free", "promo"),
        # a government site's banner, and a print edition's tools
        ("An official website of the United States government Here's how you know", "navigation"),
        ("Secure .gov websites use HTTPS", "navigation"),
        (
            (
                "A lock ( ) or https:// means you've safely connected to the .gov website. Share sensitive "
                "information only on official, secure websites."
            ),
            "navigation",
        ),
        ("| Reprints | Single Page |", "share"),
        ("Skip to main content Skip to footer", "navigation"),
        # a sign-up form's consent lines
        ("By submitting this form, you agree to our Privacy Policy and Terms of Use.", "copyright"),
        ("By signing up, I agree to the Terms and Privacy Policy.", "copyright"),
        (
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
            "copyright",
        ),
        ("Your data will be processed in accordance with our Privacy Policy.", "copyright"),
        ("Save this story", "navigation"),
        ("Contact Us", "navigation"),
        ("Check Price at Amazon", "promo"),
        (
            "Add The Courier as a preferred source on Google to see more of our coverage when you search.",
            "promo",
        ),
        ("View article on single page", "navigation"),
        # arrows that read as quotes once normalised
        ("« Previous Post Next Post »", "navigation"),
        ("Read more » Man held after crash on the A1", "related"),
        # credits and the author's note under the article
        ("Keith Bradsher contributed reporting from Hong Kong.", "byline"),
        ("Jane Doe is a staff writer at The Courier covering transport and the courts.", "byline"),
        ("Tom Reed is a freelance writer based in Leeds. His work has appeared in The Yorker.", "byline"),
        # a news agency's photo caption: present tense, then the full date and the place
        (
            (
                "Home Secretary Yvette Cooper, left, speaks with survivors after a meeting, Thursday, "
                "Jan. 16, 2025, in London."
            ),
            "caption",
        ),
    ],
)
def test_clutter_line_inside_an_article_is_removed(clutter: str, reason: str) -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:8], clutter, *body[8:]])
    result = clean_text(text)
    assert line_reasons(text, result)[clutter] == reason
    assert result.text == "\n".join(body)


def test_a_list_of_terms_and_their_meanings_is_not_a_menu() -> None:
    """A list item's marker is no separator: "- term - meaning" has one, a menu has several."""
    body = seed_lines("seed_004.txt")
    terms = [
        "- Waiting list - patients waiting over a year",
        "- Backlog - referrals not yet seen",
        "- Discharge delay - patients with no care place",
    ]
    text = "\n".join([*body[:8], *terms, *body[8:]])
    for settings in (DEFAULT_SETTINGS, EXTRACTED_SETTINGS):
        assert set(terms) <= set(clean_text(text, settings=settings).text.split("\n"))
    menu = "- Home - News - Sport - Weather"
    assert line_reasons(menu, clean_text(menu))[menu] == "link_list"


@pytest.mark.parametrize(
    ("line", "is_menu"),
    [
        ("Home | World | Politics | Business", True),
        ("[ Home | About | Contact ]", True),  # brackets around the whole menu
        ("05/10/2018 - Posted by: Ann Lee - Category: Health - Tags: diet", True),  # a post's metadata
        ("Jobs: Careerbuilder.com | Cars: Cars.com | Homes: Homes.com", True),  # partners' links
        # a sentence's own alternatives in brackets
        ("- a folding chair (ikea / argos / amazon)", False),
        ("4. Monstera deliciosa (Swiss cheese plant / Split-leaf philodendron / Mexican breadfruit)", False),
        ("return total(n - 1) + total(n - 2);", False),
        # a fact row: labelled figures
        ("CPU: Ryzen 5 7640U | RAM: 16GB | Storage: 512GB SSD | Weight: 1.4 kg", False),
    ],
)
def test_link_lists_are_menus_not_bracketed_alternatives_or_fact_rows(line: str, is_menu: bool) -> None:
    assert (own_reason(line) == "link_list") is is_menu


@pytest.mark.parametrize(
    ("line", "is_timestamp"),
    [
        ("Sunday", True),  # a weather widget's day
        ("Updated Monday", True),
        ("Dec 19, 2025", True),
        ("01/31", True),
        ("2016.12.01", True),
        ("By admin - 2018-09-16", True),
        ("- Monday. Rest Day", False),  # a training plan
        ("Tuesday. Intense Run (40-60mins):", False),
        ("4.5/5", False),  # a rating
        ("| Ratings | 9.7/10 | 9.5/10 |", False),
        ("1 / 9", False),  # a gallery's counter: navigation, not a date
        # a span of days is an event's or a season's dates, article text; a stamp is one moment
        ("Oslo, Norway: May 4–7, 2026", False),
        ("Hockney, Royal Academy, 3 October 2025 – 18 January 2026", False),
        ("Date: 12-14 March 2026", False),
        ("3. Autumn (September to November)", False),
        ("- Week 2: Easy Week (1:30-2:00hrs)", False),
        ("Dec 19, 2025 - 10:32 am", True),
        ("05-06-2005, 05:28 PM", True),
        ("17:59 - 9th, Jan 2008", True),
        ("Posted March 3 - Updated March 5", True),
    ],
)
def test_time_stamps_need_a_date_not_just_a_day_or_a_number(line: str, is_timestamp: bool) -> None:
    assert (own_reason(line) == "timestamp") is is_timestamp


@pytest.mark.parametrize(
    "line",
    [
        "The firm scoffs at suggestions that its partners made millions from its affiliate program.",
        # affiliate links as the article's subject, in no one's voice of their own
        "Streamers earn a commission when viewers buy games or gear through affiliate links, the report found.",
        "Brands should track each partnership with affiliate links and discount codes tied to one campaign.",
        'The letter read: "We regret the decision […] and will appeal it before the court."',
        "Asked whether she would stand again, 62% of the 1,200 voters polled said yes.",
        "Estate agents earn a commission of about 1.5% on every house they sell in the town.",
        "A settlement does not necessarily mean an admission of copyright infringement.",
        "The paper said more than 4,000 readers had chosen to subscribe to its print edition since March.",
        "Shoppers who accept cookies from every site are tracked across the web, the study found.",
        "The minister told supporters to follow her on Instagram for updates on the inquiry.",
        "Residents were asked to join the council's mailing list for news of the repairs.",
        "The hospice received a one-off donation of £2m from a local businessman last year.",
        "The duchess agreed to become a patron of the survivors' charity in March.",
        "The charity relied on a line of credit: a £2m facility agreed with its bank in March.",
        "Officers said the reading time of the report, 400 pages, had delayed the decision.",
        "Residents can contact the council at info@council.gov.uk for details of the scheme.",
        "Anyone with information should call Crimestoppers anonymously on 0800 555 111.",
        "Call Crimestoppers anonymously on 0800 555 111.",
        "Pin badges were handed out to every volunteer at the finish line.",
        "She said she had forwarded this email to the police on the day it arrived.",
        # a story's own short paragraphs
        "Something went wrong.",
        "Send this to the committee, she told him.",
        "The story appeared on the front page of every paper the next morning.",
        "This article was published in 1998 and remains the most cited in the field, she said.",
        "Users can open the tool in a browser without installing anything, the company said.",
        "Fans follow the author from city to city on her book tour.",
        "Customers who refer a friend get £50, the bank said.",
        "Investors can request a demo of the software before the vote, the company said.",
        "Patients should book a consultation with their doctor before they start the new trial.",
        "Users can now add any outlet as a preferred source on Google, the company said on Tuesday.",
        "By clicking accept, you agree to be tracked across the web, the regulator said in its ruling.",
        "By signing up, users agree to share their location with the app's makers and advertisers.",
        "The minister will get a call from the president on Monday, aides said.",
        "Residents can get a free estimate of their flood risk from the council's website.",
        "The council asked residents to leave a rating of the new bus service on its website.",
        "Shoppers were told the error would be fixed; to report an error, they should call the store.",
        "If you have subscribed to the service, you may be owed a refund, the regulator said.",
        "Phishing emails that land in your inbox ask you to sign up for fake prizes, police said.",
        "The museum's website worked even with JavaScript disabled in the browser, testers found.",
        "The new page requires JavaScript, which some screen readers cannot run, campaigners said.",
        "The court heard that no part of the report may be published until the trial ends.",
        "The shelter said it relies on donations from the public to make a difference.",
        "Volunteers who become a member of the lifeboat crew train for two years.",
        "Trading data was delayed by 20 minutes on Tuesday after a glitch at the exchange, the regulator said.",
        "On Amazon.com, the memoir ranked first for a week, the publisher said.",
        "Officials said the family can be reached at 555-0100 through the embassy.",
        "To read the full report, residents can visit the library, the council said.",
        "Smith, the editor, said the paper would appeal.",
        "Ann Lee tweeted @northernrail",
        # business prose says "share" the way buttons do
        "Shares in the brewer closed at 412 pence a share on Friday, the exchange said.",
        "The company expects earnings per share to rise by a tenth this year.",
        "Both unions share the view that the pay offer falls short of inflation.",
        "The board paid a dividend of 14 pence per share on a split-adjusted basis.",
        # a report of a copyright dispute, heavy with names
        "The suit charged that Orbisoft's Lantern software product violated the copyright of Kestrelsoft's TermLink program, Acme said.",
        "Judge Ruth Hale ruled that Orbisoft's Lantern product infringed Kestrelsoft's TermLink copyright, lawyers said.",
        # a date told in a clause
        "Payment date is April 15.",
        "- Hustings can be seen on Sunday, 12 December, at 2240 GMT.",
        # the full date and a place, told as what happened or what will happen there
        "The two men were arrested Tuesday, Nov. 19, 2019, in Leeds and charged the next day.",
        "Officers said the van was found on Friday, Nov. 1, 2019, in a lay-by near the ring road.",
        "A memorial service will be held Saturday, Nov. 23, 2019, at St Mary's Church in Oldham.",
        # an error told as news
        "An error occurred in the reactor cooling system, officials said, and engineers had to try again.",
        "Follow the money, the inquiry's chair said of the council's coverage of the cases at the time.",
        # a quote after "More" is no link's arrow
        'More "sensible" rules are needed for lorries, the minister told the committee on Tuesday.',
        # the article talking about a writer, not the writer's note
        "Mr Forsyth is a wonderful writer and should keep his fiction where it belongs, the minister said.",
        "Ms Lane is a reporter who never gave up on the story, her editor said at the inquest on Tuesday.",
        # a file's name heading its part of a technical post, where a bare domain would be the site's
        "config.yaml",
    ],
)
def test_article_lines_near_the_new_clutter_words_are_kept(line: str) -> None:
    """Article prose that mentions commissions, affiliates or cookies is not a disclosure."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:8], line, *body[8:]])
    assert clean_text(text).text == text


def test_given_title_is_kept_even_with_a_site_suffix() -> None:
    body = seed_lines("seed_002.txt")
    text = "\n".join(["Main menu", f"{COURIER_TITLE} | The Daily Courier", *body])
    result = clean_text(text, title=COURIER_TITLE)
    assert result.text.split("\n")[0] == f"{COURIER_TITLE} | The Daily Courier"


def test_appended_off_topic_story_is_flagged(ledger: dict[str, str | None]) -> None:
    lines = list(ledger)
    story_start = lines.index("Coastal town celebrates return of its historic pier") + 1
    pier = [line for line in lines[story_start:] if len(line.split()) > 20]
    assert len(pier) == 3
    assert {ledger[line] for line in pier} == {"off_topic"}


def test_on_topic_continuation_is_not_flagged_off_topic() -> None:
    """Two parts of the same article, joined after a sub-heading, stay together."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:15], "Reaction from survivors and campaigners", *body[15:]])
    result = clean_text(text)
    assert all(span.reason != "off_topic" for span in result.spans)


def test_comment_link_above_the_article_does_not_eat_it() -> None:
    body = seed_lines("seed_002.txt")
    text = "\n".join([*body[:3], "Comments (18)", *body[3:]])
    assert set(body) <= set(clean_text(text).text.split("\n"))


TOUR_DATES = fixture_text("tour_dates.txt").splitlines()


# The tour's venues alone: short lines of one field each, as a menu's are.
VENUES = [date.split(" @ ")[1] for date in TOUR_DATES]


def test_extracted_text_keeps_short_lines_that_full_page_text_drops() -> None:
    """After an HTML extractor the menus are gone: a trailing list of short lines is the
    article's own (the venues of a tour), so the extraction preset keeps it; as full-page text,
    the same lines far from body read like navigation."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, "Venues", *VENUES])
    assert not set(VENUES) <= set(clean_text(text).text.split("\n"))
    kept = clean_text(text, settings=EXTRACTED_SETTINGS).text.split("\n")
    assert set(VENUES) | set(body) <= set(kept)


def test_a_list_of_dated_rows_below_the_article_is_kept_whole() -> None:
    """Tour dates written without bullets ("June 19 – Harrogate @ Royal Hall"): each row split
    into fields by one delimiter, so the list reads as one block, like a table, and stays beside
    the body however long it is. The undated venues alone do not (the test above)."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, "Tour dates", *TOUR_DATES])
    assert clean_text(text).text.rstrip("\n") == text


EARNINGS_TABLE = [
    "Shr 52.1 cents vs 47.3 cents",
    "Net 12.4 mln vs 10.9 mln",
    "Revs 311.6 mln vs 287.2 mln",
    "Avg shrs 23.8 mln vs 23.1 mln",
    "Nine mths",
    "Shr 1.41 dlrs vs 1.22 dlrs",
    "Net 33.6 mln vs 28.9 mln",
    "Revs 902.3 mln vs 845.0 mln",
]


def test_a_table_of_figures_opening_the_article_is_kept() -> None:
    """A wire earnings brief opens with its table: the rows are read as one block, so those
    farther than the context window from the notes below stay too."""
    notes = [
        (
            "NOTE: Results for the quarter include a one-off gain of 2.1 mln dlrs from the sale of a "
            "warehouse in the port district, the company said."
        ),
        (
            "The company said it expected sales in the fourth quarter to grow at about the same pace "
            "as in the first nine months of the year, helped by new contracts."
        ),
    ]
    text = "\n".join([*EARNINGS_TABLE, *notes])
    assert clean_text(text, title="HARBOUR FREIGHT CORP 3RD QTR NET").text == text


def test_a_table_of_long_rows_of_measured_figures_is_kept() -> None:
    """Rows of seven or eight tokens with two figures ("Oper net 42.9 mln vs 46.6 mln") carry
    fewer than a third of digits, yet their decimals and thousands are a table's: the rows far
    above the note stay."""
    table = [
        "Oper shr loss 12 cts vs loss 59 cts",
        "Oper net loss 2.9 mln vs loss 6.6 mln",
        "Revs 294.0 mln vs 274.9 mln",
        "Avg shrs diluted 12.3 mln vs 10.3 mln",
        "Nine mths",
        "Oper shr loss 1.28 dlrs vs loss 1.71 dlrs",
        "Oper net loss 31.2 mln vs loss 42.6 mln",
        "Revs 903.4 mln vs 861.4 mln",
        "Avg shrs diluted 12.2 mln vs 10.1 mln",
    ]
    note = (
        "NOTE: Nine month operating net excludes charges of 26.9 mln dlrs reflecting disallowed costs "
        "of the utility's share of the plant, which the state's regulators ruled last month could "
        "not be charged to customers."
    )
    text = "\n".join([*table, note])
    assert clean_text(text, title="HARBOUR ELECTRIC CORP 3RD QTR").text == text


def test_a_numbered_list_with_a_link_under_each_item_stays_whole() -> None:
    """A shopping list's items each carry their link on the line below: the links belong to
    their items, so the list runs on past them and keeps them; the menu under it still goes."""
    body = seed_lines("seed_004.txt")
    items = [
        "1) Lego Star Wars 75188 Resistance Bomber",
        "2) Polistil 960574 Electric Race Track",
        "3) Blade Runner The Final Cut (4K Ultra HD + Blu-Ray)",
        "4) Ghostbusters Collection 1-2 (Steelbook)",
        "5) Hasbro Gaming Taboo Party Board Game (Travel Edition)",
    ]
    listing = [line for k, item in enumerate(items) for line in (item, f"http://amzn.to/2iJF{k}Rj")]
    menu = ["Home", "Cartoons", "Films", "Toys", "Music"]
    result = clean_text("\n".join([*body, *listing, *menu]))
    kept = result.text.split("\n")
    assert set(listing) <= set(kept)
    assert not set(menu) & set(kept)


# A recipe card under a food article: the ingredients, one a line without bullets, under a
# "Print" button the cleaner removes.
RECIPE = [
    "Spiced Pear Jam",
    "Print",
    "Ingredients",
    "8-9 ripe pears, cored and peeled",
    "1 lemon, or about 1/4 cup lemon juice",
    "6 tbsp fruit pectin powder",
    "1 tsp cinnamon",
    "1/2 tsp ground cloves",
    "Instructions",
    "Core, peel and cube the pears and put them in a pot with the lemon juice, spices and pectin.",
    "Boil while stirring, then spoon the jam into warm jars and seal them in a water bath.",
]


JAM_ARTICLE = [
    "Homemade pear jam for the holidays",
    "This holiday season I wanted a jam that tastes of winter, so I cooked ripe pears with lemon, cinnamon and cloves until the kitchen smelled of Christmas.",
    "You need no pressure canner for pear jam: a deep pot for a water bath, a few jars, a ladle and a jar lifter will do, and most kitchens have them already.",
    "Choose pears that are ripe but still firm, peel and core them, and cut them into small cubes so that the jam cooks evenly and sets well in the jars.",
    "The pectin helps the jam set, the lemon juice keeps its colour bright, and the spices can be changed to suit your taste: ginger and nutmeg work well.",
]


def test_a_recipes_ingredients_under_a_removed_button_stay() -> None:
    """Quantities opening their lines, most with a unit, are a list's rows: read as one block,
    they stay beside the method under them, though the button above them goes."""
    text = "\n".join([*JAM_ARTICLE, *RECIPE])
    kept = clean_text(text).text.split("\n")
    assert set(RECIPE[3:]) <= set(kept)
    assert "Print" not in kept


def test_a_menu_of_numbered_headlines_is_no_list_of_quantities() -> None:
    """Lines opening with a number but naming no unit are no ingredients: a menu of listicles
    under a removed button still goes, though the article goes on below it."""
    menu = ["10 Pear Recipes", "5 Baking Pears", "7 Jam Gifts"]
    text = "\n".join([*JAM_ARTICLE[:3], "Print", *menu, *JAM_ARTICLE[3:]])
    kept = clean_text(text).text.split("\n")
    assert not set(menu) & set(kept)


def test_a_pager_above_the_article_is_no_table() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join(["Home", "News", "Page 1 of 3", "Opinion", "Sport", "Weather", "Travel", *body])
    assert line_reasons(text, clean_text(text))["Page 1 of 3"] == "navigation"


def test_extracted_text_still_loses_clutter_with_positive_evidence() -> None:
    body = seed_lines("seed_004.txt")
    clutter = "Share on Facebook Share on Twitter Share via Email"
    text = "\n".join([*body[:5], clutter, *body[5:]])
    result = clean_text(text, settings=EXTRACTED_SETTINGS)
    assert line_reasons(text, result)[clutter] == "share"
    assert result.text == "\n".join(body)


def test_short_labels_above_the_headline_are_removed() -> None:
    """Extracted text often opens with the blog's name or a kicker before the headline: with the
    headline among the first lines, the short lines above it go as navigation."""
    body = seed_lines("seed_004.txt")
    headline, article = body[0], body[1:]
    text = "\n".join(["Harbour Notebook", "Policy", headline, *article])
    result = clean_text(text, title=headline, settings=EXTRACTED_SETTINGS)
    reasons = line_reasons(text, result)
    assert reasons["Harbour Notebook"] == reasons["Policy"] == "navigation"
    assert result.text == "\n".join(body)


def test_breadcrumb_above_the_article_is_not_taken_for_its_headline() -> None:
    """Without a title the headline is guessed among the lines above the lead; a breadcrumb that
    shares the lead's words but proves itself navigation is not a candidate."""
    body = seed_lines("seed_004.txt")
    breadcrumb = "You are here: Home News Crime Grooming gangs"
    text = "\n".join(["Home", "News", "Sport", breadcrumb, *body[1:]])
    result = clean_text(text)
    assert line_reasons(text, result)[breadcrumb] == "navigation"
    assert result.text == "\n".join(body[1:])


def test_the_headline_is_found_above_the_article_when_teasers_come_first() -> None:
    """Without a title, the headline is looked for above the first run of body; when two teaser
    paragraphs come first, it is looked for above the article's longer run."""
    body = seed_lines("seed_004.txt")
    headline, article = body[0], body[1:]
    menu = ["Home", "News", "Sport", "Weather", "Business", "Culture"]
    text = "\n".join([TEASERS[1], TEASERS[3], *menu, headline, "Share", "Tweet", *article])
    kept = clean_text(text).text.split("\n")
    assert headline in kept
    assert not set(menu) & set(kept)


def test_the_headline_guess_matches_words_across_inflections() -> None:
    """ "tree" in the headline meets "trees" in the lead: a plural or a tense is the same word."""
    headline = "Undeck the halls and mulch the tree"
    article = [
        (
            "Residents wanting to recycle their Christmas trees can drop them at three depots across the city "
            "until the end of January, the council said on Thursday."
        ),
        (
            "The trees will be chipped and turned into compost for parks and gardens, saving the city about "
            "twelve thousand dollars in landfill fees every winter."
        ),
        (
            "Last year more than eight thousand households took part in the scheme, which began as a pilot in "
            "two neighbourhoods and now covers the whole city."
        ),
    ]
    menu = ["Home", "News", "Sport", "Weather", "Business", "Culture"]
    text = "\n".join(
        [*menu, headline, "Last Updated: Thursday, December 27, 2007 | 10:56 AM CT", "CBC News", *article]
    )
    assert line_reasons(text, clean_text(text))[headline] is None


def test_a_photo_credit_swept_into_a_related_block_is_not_taken_for_the_headline() -> None:
    """Lines a related block swept up may be the headline, unless their own wording proves them
    clutter: "AP Photo/…" shares "AP" with the dateline as the headline shares "Niners"."""
    headline = "Niners turn to a veteran"
    article = [
        (
            "SAN FRANCISCO (AP) -- The Niners named a new offensive coordinator on Tuesday, hoping that "
            "twenty years of experience will rescue the worst attack in the league."
        ),
        (
            "He has promised a faster tempo and more passes to the tight ends, and said he expects the "
            "quarterback to start every game next season."
        ),
        (
            "The head coach said the decision was made after three interviews and a long conversation with "
            "the owner over the weekend."
        ),
    ]
    credit = "AP Photo/Jane Doe, File"
    text = "\n".join(
        ["More Top Stories", TEASERS[0], TEASERS[2], headline, "By Staff Reporter", credit, *article]
    )
    reasons = line_reasons(text, clean_text(text))
    assert reasons[headline] is None
    assert reasons[credit] is not None


def headline_of(text: str, title: str | None = None) -> str | None:
    result = clean_text(text, title=title)
    return None if result.headline is None else text[slice(*result.headline)]


def test_the_headline_is_found_over_a_lead_that_a_photo_parts_from_the_body() -> None:
    """A photo, its caption and a share bar part the lead from the rest of the article, and a
    run of teasers opens the page: the headline stands over the lead, neither the first run of
    body nor the one with most words."""
    body = seed_lines("seed_004.txt")
    headline, lead, rest = body[0], body[1:4], body[4:]
    photo = ["View Larger Image", "Survivors outside the Home Office on Monday.", "Reuters"]
    photo += ["Share this article", "Font:", "Print"]
    teasers = ["Latest News", *TEASERS[1:4:2], "More News", "Politics", "Health", "Crime", "Courts"]
    text = "\n".join(["Home", "News", "Sport", *teasers, headline, "By Staff Reporter", *lead, *photo, *rest])
    assert headline_of(text) == headline


def test_the_headline_right_over_the_lead_is_found_and_reported() -> None:
    """A headline with nothing between it and the lead is kept as body by its neighbours; it is
    still the headline, reported by range, and the body is the text without it."""
    body = seed_lines("seed_004.txt")
    headline, article = "Grooming gangs: victims get new powers", body[1:]
    text = "\n".join(["Home", "News", "Sport", "Weather", headline, *article])
    result = clean_text(text)
    assert headline_of(text) == headline
    assert result.text == "\n".join([headline, *article])
    assert result.body == "\n".join(article)


def test_the_headline_above_a_byline_is_reported() -> None:
    body = seed_lines("seed_004.txt")
    headline, article = "Grooming gangs: victims get new powers", body[1:]
    text = "\n".join(["Home", "News", "Sport", headline, "By Jane Smith, Home Affairs Editor", *article])
    assert headline_of(text) == headline
    assert clean_text(text).body == "\n".join(article)


def test_the_given_title_is_reported_as_the_headline_line() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join(body)
    assert headline_of(text, title=body[0]) == body[0]
    assert headline_of("\n".join(body[1:]), title=body[0]) is None


def test_a_page_of_body_alone_has_no_headline() -> None:
    text = "\n".join(seed_lines("seed_004.txt")[1:])
    result = clean_text(text)
    assert result.headline is None
    assert result.body == result.text == text


def test_short_lines_stay_without_the_headline_above_the_article() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join(["Harbour Notebook", *body[1:]])
    assert clean_text(text, title=body[0], settings=EXTRACTED_SETTINGS).text == text


# A whole page scraped as text opens with its title tag, then the site's header: a menu, a
# location widget and cards of other stories on the article's broad subject, each card's title
# and summary run together on one line (made up).
SITE_HEADER = [
    "Menu",
    "News",
    "Politics",
    "Set Your Location:",
    "Enter City and State or Zip Code",
    "Latest Headlines",
    (
        "Police Chief Apologises To Abuse Survivors In Oldham The force said it had failed victims of "
        "child sexual exploitation and would review its handling of past cases."
    ),
    (
        "Home Office To Review Funding For Victims' Services Ministers will consult on a new funding "
        "formula for support services for survivors of crime, the department said."
    ),
    (
        "Council Leader Resigns Over Care Home Failings The leader of the council stepped down after an "
        "inspection found that children in care had been failed by the authority."
    ),
]


def test_the_site_header_between_the_title_tag_and_the_headline_goes() -> None:
    """The title tag and its repeat over the article bracket the header: its cards go however
    close their topic, the title tag goes as a repeat, and the repeat is the headline."""
    body = seed_lines("seed_004.txt")
    headline, article = body[0], body[1:]
    title_tag = f"{headline} | Harbour Gazette"
    text = "\n".join([title_tag, *SITE_HEADER, headline, "By Staff Reporter", *article])
    result = clean_text(text)
    reasons = line_reasons(text, result)
    assert reasons[title_tag] == "repeated"
    assert {reasons[line] for line in SITE_HEADER} <= {"navigation", "related"}
    assert result.text == "\n".join([headline, *article])
    assert result.body == "\n".join(article)
    # the same with the title given: the title tag is not kept as a second headline
    given = clean_text(text, title=headline)
    assert given.text == "\n".join([headline, *article])


def test_a_section_heading_restating_the_headline_is_not_the_headers_end() -> None:
    """A review repeats its headline as a section heading below the intro. When the bylines
    and share buttons under the real headline push the intro out of the headline's window, the
    repeat under the intro still ends no header: the intro is body, so the header ended at the
    earlier repeat, and the intro stays."""
    body = seed_lines("seed_004.txt")
    headline, intro, rest = body[0], body[1:4], body[4:]
    under_headline = ["By Staff Reporter", "12 March 2025", "Share", "Facebook", "Twitter", "Email"]
    under_headline += ["Copy link", "Listen to this article"]
    menu = [line for line in SITE_HEADER if len(line.split()) <= 5]
    page = [f"{headline} | Harbour Gazette", *menu, headline, *under_headline, *intro, headline, *rest]
    text = "\n".join(page)
    result = clean_text(text)
    reasons = line_reasons(text, result)
    assert all(reasons[line] is None for line in intro + rest)
    assert None not in {reasons[line] for line in menu}
    start = text.index(f"\n{headline}\n") + 1
    assert result.headline == (start, start + len(headline))


@pytest.mark.parametrize("suffix", ["", ": what the plan means for survivors"])
def test_a_headline_printed_again_under_the_article_keeps_the_article(suffix: str) -> None:
    """Text sent as headline and body opens with the headline, not a title tag; a list of
    stories under the article that prints it again, or a longer title starting with it, is no
    header's end."""
    body = seed_lines("seed_004.txt")
    headline, article = body[0], body[1:]
    more = ["More stories", headline + suffix, TEASERS[1], TEASERS[3], TEASERS[5]]
    text = "\n".join([headline, *article, *more])
    kept = clean_text(text).text.split("\n")
    assert kept[: len(body)] == body


# Made-up "more stories" list: headline + one-paragraph pairs about other subjects.
TEASERS = [
    "Coastal pier reopens after winter storm repairs...",
    "Crowds gathered on the seafront as the Victorian pier opened its gates again, months after waves tore away its boardwalk.",
    "Rovers sign veteran striker on a one-year deal",
    "The forward, 34, scored eleven goals in the second tier last season and joins on a free transfer from the Midlands.",
    "Bakery chain to open twelve new shops this spring",
    "Sausage roll sales rose by a fifth last year, the company said, and new branches will open in three market towns.",
    "Five easy ways to cut your energy bill this winter",
    "Turning the thermostat down a degree and bleeding radiators can save households money, consumer groups say.",
]
# An article's own list: named entries, one paragraph each, all about the article's subject.
LISTICLE = [
    "1. Rochdale",
    "Police in Rochdale failed grooming gang victims for years, the inquiry into child sexual abuse found in its report.",
    "2. Rotherham",
    "In Rotherham, grooming gang victims were ignored by police and the council, an inquiry into the abuse found.",
    "3. Telford",
    "The Telford inquiry into grooming gangs found child sexual abuse was ignored and victims were failed for decades.",
]


def test_list_of_other_stories_above_the_article_is_removed_as_related() -> None:
    """No header announces the list and it precedes the article, so neither the block rule nor
    the off-topic tail applies: the pair shape and the topic do."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*TEASERS, *body])
    result = clean_text(text)
    reasons = line_reasons(text, result)
    assert {reasons[line] for line in TEASERS} == {"related"}
    assert result.text == "\n".join(body)


def test_cards_with_a_date_between_headline_and_summary_are_still_pairs() -> None:
    """A card's date line, removed as a time stamp, does not part its headline from its
    summary: the cards above the article still go as a list of other stories."""
    body = seed_lines("seed_004.txt")
    cards = [
        line
        for pair in zip(TEASERS[::2], TEASERS[1::2], strict=True)
        for line in (pair[0], "12 November 2019", pair[1])
    ]
    text = "\n".join([*cards, *body])
    result = clean_text(text)
    assert result.text == "\n".join(body)
    assert "related" in {line_reasons(text, result)[line] for line in TEASERS}


def test_the_articles_list_of_references_stays() -> None:
    """A post's references are its author's own text (WCXB's gold keeps them), whatever a
    fact-checker's page layout suggests: no header opens a block of them."""
    body = seed_lines("seed_004.txt")
    references = [
        "References",
        "Home Office. Tackling child sexual exploitation: progress report. Retrieved from gov.uk.",
        'Jay, A. (2022). "The Report of the Independent Inquiry into Child Sexual Abuse," IICSA',
    ]
    text = "\n".join([*body, *references])
    assert clean_text(text).text == text


def test_the_articles_own_list_of_entries_stays() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:6], *LISTICLE, *body[6:]])
    assert clean_text(text).text == text


@pytest.mark.parametrize(
    "header",
    [
        "Today's Most-Read Articles",
        "Most-sent stories",
        "This week's most popular",
        "Editors' Picks",
        "Most read in world news",
        "Trending in Entertainment",
        "Popular on IndieWire",
        # with an arrow, which reads as a quote once normalised
        "Related Stories »",
        "Most Read ›",
        # what the site thinks the reader will like, behind an icon
        "Other posts you'll love:",
        "More Articles You Might Enjoy",
        "You might be interested in:",
        "🔥 Recommended Posts",
        "Recommended For You",
    ],
)
def test_most_read_headers_in_their_spellings_open_a_related_block(header: str) -> None:
    body = seed_lines("seed_004.txt")
    others = [TEASERS[0], TEASERS[2], TEASERS[4]]
    text = "\n".join([*body, header, *others])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in [header, *others]} == {"related"}


def test_long_headlines_in_title_case_do_not_end_a_related_block() -> None:
    """A headline of 25 words and more, every word capitalised and no full stop, is still a
    headline: the block of them under "Trending Stories" goes whole, view counts and all."""
    body = seed_lines("seed_004.txt")
    headlines = [
        (
            "Harbour Council Confirms The New Ferry Timetable Will Add Two Extra Crossings Each Day From "
            "March, Cut Fares For Students And Keep The Night Service Running All Year 2245"
        ),
        (
            "Village Bakery Wins National Award For Its Sourdough After Three Generations Of The Same "
            "Family Kept The Recipe Secret, Now They Plan To Open A Second Shop In Town 2083"
        ),
        (
            "Local Rowing Club Celebrates One Hundred Years On The River With A Regatta, A Parade Of "
            "Old Boats And A Dinner For Every Member Who Ever Rowed For Them 1919"
        ),
    ]
    block = ["Trending Stories", *headlines]
    text = "\n".join([*body, *block])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in block} == {"related"}
    assert result.text == "\n".join(body)


def test_summaries_between_read_more_cards_go_with_the_related_block() -> None:
    """A card per story: title, byline, a short summary, then the next card's "READ MORE": the
    summary does not end the block, as the article resuming would."""
    body = seed_lines("seed_004.txt")
    cards = ["Read this next"]
    for title, summary in zip(TEASERS[::2], TEASERS[1::2], strict=True):
        cards += [title, "Written by Staff Reporter", summary, "READ MORE"]
    text = "\n".join([*body, *cards])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in cards} == {"related"}
    assert result.text.rstrip("\n") == "\n".join(body)


# "More on this story" cards under the article: title, date, section, and a summary long enough
# to read as the article resuming; all on the article's own subject, so no topic test takes them.
ON_TOPIC_CARDS = [
    "Editors' Picks",
    "Did The Home Office Miss The Warnings About Grooming Gangs?",
    "12 November 2019",
    "News",
    "Survivors of grooming gangs say the Home Office ignored their warnings about child sexual abuse for years.",
    "Why Survivors Want The Grooming Gang Review Panel To Be Independent",
    "8 November 2019",
    "Analysis",
    "An independent review panel could look again at closed grooming gang cases the police dropped, survivors say.",
    "What The Child Sexual Abuse Inquiry Asked The Home Secretary To Do",
    "1 November 2019",
    "Fact Check",
    "The inquiry into child sexual abuse made twenty recommendations, and survivors say few were acted upon.",
]


@pytest.mark.parametrize("footer", [[], ["© 2019 Harbour Media Group. All rights reserved."]])
def test_summaries_between_card_titles_go_with_the_related_block(footer: list[str]) -> None:
    """A card's summary reads as prose, but the next card's title follows it: the block goes on
    to its last card, whose summary the page's end or its footer follows, instead of ending at
    the first summary."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, *ON_TOPIC_CARDS, *footer])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in ON_TOPIC_CARDS} == {"related"}
    assert result.text.rstrip("\n") == "\n".join(body)


def test_the_article_resuming_with_a_short_paragraph_and_a_section_stays() -> None:
    """After an inline "Related" block the article may resume with a short paragraph and a
    sub-heading: the paragraph under the sub-heading is longer than a card's summary, so it is
    the article, and so are the two lines above it."""
    body = seed_lines("seed_004.txt")
    resumed = [
        "Survivors said they had waited far too long for anyone to look again at their closed cases, and welcomed it.",
        "What The Review Panel Will Do",
        " ".join([body[3]] * 2),
    ]
    block = ["Related Articles", TEASERS[0], TEASERS[2], TEASERS[4]]
    text = "\n".join([*body[:6], *block, *resumed, *body[6:]])
    result = clean_text(text)
    assert result.text == "\n".join([*body[:6], *resumed, *body[6:]])


def test_a_share_line_after_a_related_block_is_no_card_title() -> None:
    """A short paragraph followed by "Email to a friend" is the article resuming, not a card:
    the share line is clutter of its own, not the next card's title."""
    body = seed_lines("seed_004.txt")
    resumed = "Survivors said they had waited far too long for anyone to look again at their closed cases, and welcomed it."
    block = ["Related Articles", TEASERS[0], TEASERS[2], TEASERS[4]]
    text = "\n".join([*body[:6], *block, resumed, "Email to a friend Printer friendly", *body[6:]])
    result = clean_text(text)
    assert line_reasons(text, result)[resumed] is None


def test_a_short_opening_sentence_after_a_related_block_stays() -> None:
    """The block ends where the body resumes, and that includes a short first sentence."""
    body = seed_lines("seed_004.txt")
    opening = "Survivors said they had waited far too long for this to happen."
    block = ["Related Articles", TEASERS[0], TEASERS[2], TEASERS[4]]
    text = "\n".join([*body[:6], *block, opening, *body[6:]])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in block} == {"related"}
    assert result.text == "\n".join([*body[:6], opening, *body[6:]])


def test_the_article_resuming_after_an_inline_related_link_stays() -> None:
    """Two paragraphs before the next "Related" link: the article, not a card's summary."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:4], "Related", TEASERS[0], *body[4:6], "Related", TEASERS[2], *body[6:]])
    assert set(body) <= set(clean_text(text).text.split("\n"))


# Other stories as a sidebar lists them: a headline and a line of summary each, the summaries
# too terse to read as prose.
OTHER_HEADLINES = [
    "Rovers sign veteran striker on a one-year deal",
    "The forward scored eleven goals in the second tier last season and joins on a free transfer from the Midlands.",
    "Bakery chain to open twelve shops this spring",
    "Sausage roll sales rose by a fifth",
    "Council approves new cycle lanes for the ring road",
    "Work on the eastern section starts in June",
    "Museum unveils restored Roman mosaic floor",
]


def test_a_list_of_other_headlines_below_the_article_is_off_topic() -> None:
    """Each line is about something else; the list as a whole has too little prose to weigh."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, "Advertisement", *OTHER_HEADLINES, "Advertisement"])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in OTHER_HEADLINES} == {"off_topic"}
    assert result.text.rstrip("\n") == "\n".join(body)


def test_the_articles_own_headline_at_the_end_of_a_list_of_others_stays() -> None:
    body = seed_lines("seed_004.txt")
    headline, article = body[0], body[1:]
    text = "\n".join(["Advertisement", *OTHER_HEADLINES, headline, "Share", "Tweet", *article])
    kept = clean_text(text, title=headline).text.split("\n")
    assert headline in kept
    assert not set(OTHER_HEADLINES) & set(kept)


def test_extracted_text_keeps_its_own_list_of_short_items() -> None:
    """After an HTML extractor a list between removed lines is the article's own (a packing list)."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, "Advertisement", *OTHER_HEADLINES, "Advertisement"])
    kept = clean_text(text, settings=EXTRACTED_SETTINGS).text.split("\n")
    assert set(OTHER_HEADLINES) <= set(kept)


def _cards(label: str, entries: list[tuple[str, str]]) -> list[str]:
    return [line for title, summary in entries for line in (title, label, summary)]


# Cards of the site's section (its name over each), mostly on the article's own subject.
SECTION_CARDS = _cards(
    "Home Affairs",
    [
        (
            "Inquiry chair named for grooming gangs review",
            "A former judge will lead the statutory inquiry into grooming gangs, the Home Office said.",
        ),
        (
            "Victims' groups welcome case review scheme",
            "Survivors of child sexual abuse say the review of closed cases is long overdue.",
        ),
        (
            "Police forces told to share abuse data",
            "All forces in England must send grooming gang data to the new national unit.",
        ),
        (
            "Rovers sign veteran striker on a one-year deal",
            "The forward scored eleven goals in the second tier last season.",
        ),
    ],
)
# The article's own roundup, each entry under the same label.
LABELLED_ROUNDUP = _cards(
    "What it found",
    [
        (
            "1. The Rochdale review",
            "Police in Rochdale failed grooming gang victims for years, the inquiry into child sexual abuse found.",
        ),
        (
            "2. The Rotherham review",
            "In Rotherham, grooming gang victims were ignored by police and the council, an inquiry found.",
        ),
        (
            "3. The Telford review",
            "The Telford inquiry found child sexual abuse was ignored and grooming gang victims were failed.",
        ),
    ],
)


def test_cards_under_one_section_label_go_however_close_their_topic() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, *SECTION_CARDS])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in SECTION_CARDS} == {"related"}


def test_a_roundup_labelling_each_entry_alike_stays() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body[:6], *LABELLED_ROUNDUP, *body[6:]])
    assert clean_text(text).text == text


@dataclass
class InMemoryTemplateStats:
    """What the storage layer keeps per source: articles indexed and per-line-key counts."""

    doc_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, text: str) -> None:
        self.doc_count += 1
        for key in line_keys(text):
            self.counts[key] = self.counts.get(key, 0) + 1

    def line_count(self, key: str) -> int:
        return self.counts.get(key, 0)


STANDING_LINE = (
    "The Northern Ledger has reported on the towns of the North West since 1871 and answers to its readers."
)


def _source_articles() -> list[str]:
    """Six articles of one made-up source: halves of the seed pages, each with the standing line."""
    pages = []
    for seed in ("seed_000.txt", "seed_002.txt", "seed_004.txt"):
        body = seed_lines(seed)
        middle = len(body) // 2
        pages += ["\n".join([*part, STANDING_LINE]) for part in (body[:middle], body[middle:])]
    return pages


def test_line_recurring_across_a_source_is_learned_as_template() -> None:
    articles = _source_articles()
    stats = InMemoryTemplateStats()
    for article in articles:
        stats.add(article)
    new_article = articles[2]
    assert line_reasons(new_article, clean_text(new_article))[STANDING_LINE] is None
    removed = line_reasons(new_article, clean_text(new_article, template=stats))
    assert removed[STANDING_LINE] == "site_template"
    assert [line for line, reason in removed.items() if reason] == [STANDING_LINE]


def test_template_needs_enough_articles_of_the_source() -> None:
    stats = InMemoryTemplateStats()
    for article in _source_articles()[:3]:
        stats.add(article)
    article = _source_articles()[0]
    assert line_reasons(article, clean_text(article, template=stats))[STANDING_LINE] is None


def test_line_keys_are_stable_deduplicated_and_normalised() -> None:
    keys = line_keys("Share this\n\nSHARE   this\nA line")
    assert len(keys) == 2
    assert keys == line_keys("share this\nA line")
    assert all(len(key) == 16 for key in keys)


# Reader comments written for these tests: prose that reads like body text, as real threads do.
_COMMENTS = [
    (
        "I have followed this story for years and I still cannot believe it took this long for anyone in "
        "government to act, but better late than never I suppose."
    ),
    (
        "The inquiry will only matter if it has the power to compel witnesses, otherwise it becomes another "
        "report that sits on a shelf while nothing changes for the people affected."
    ),
    (
        "My town was one of the places mentioned in the earlier reviews and the local council never once "
        "admitted that anything had gone wrong, so I welcome any national look at it."
    ),
    (
        "Everyone quoted here says the right things, but we heard the same promises after every previous "
        "review and the victims are still waiting for answers today."
    ),
    (
        "Can someone explain how a national operation differs from what the regional forces were already "
        "meant to be doing, because the article does not really make that clear."
    ),
]


def _long_thread(per_comment: list[str]) -> list[str]:
    """Comments repeated until they outweigh the article, each followed by its own extra lines."""
    return [line for i in range(14) for line in (f"Reader{i}", *per_comment, _COMMENTS[i % len(_COMMENTS)])]


def test_thread_titled_with_the_post_goes_however_long_it_is() -> None:
    """WordPress-style "34 Responses to “<title>”" names the post: the thread after it goes even
    when its prose outweighs a short article (which a bare "Comments" header may not eat)."""
    body = seed_lines("seed_002.txt")[:6]
    thread = _long_thread([])
    # WordPress spells a count of one; a scraper that lost the curly quote leaves a "?"
    for header in (f"14 Responses to “{COURIER_TITLE}”", f"One Response to ?{COURIER_TITLE}?"):
        text = "\n".join([COURIER_TITLE, *body, header, *thread])
        result = clean_text(text)
        reasons = line_reasons(text, result)
        assert {reasons[line] for line in [header, *thread]} == {"comments"}
        assert result.text == "\n".join([COURIER_TITLE, *body])


def test_signatures_hanging_from_a_dash_confirm_a_thread() -> None:
    """ "— Posted by Tom" under each comment is a marker like a bare "Posted by Tom"."""
    body = seed_lines("seed_002.txt")[:6]
    thread = [line for i in range(14) for line in (_COMMENTS[i % len(_COMMENTS)], f"— Posted by Reader{i}")]
    text = "\n".join([COURIER_TITLE, *body, "5 comments so far...", *thread])
    assert clean_text(text).text == "\n".join([COURIER_TITLE, *body])


def test_a_comments_link_above_the_article_is_not_confirmed_by_the_thread_below_it() -> None:
    """ "Read Comments (11)" over the article, the thread signed "Posted by" below it: the markers
    confirm a header only when the first of them comes within one comment's prose of it."""
    body = seed_lines("seed_004.txt")
    thread = [
        line
        for i in range(11)
        for line in (_COMMENTS[i % len(_COMMENTS)], f"Posted by: reader{i} on Tue 1 Jan")
    ]
    text = "\n".join([*body[:4], "Comment | Read Comments (11)", *body[4:], *thread])
    assert set(body) <= set(clean_text(text).text.split("\n"))


def test_a_closed_thread_goes_however_long_it_is() -> None:
    """ "Comments are now closed for this story" sits above the comments the thread keeps, which
    may outweigh the article and carry no "Reply" links."""
    body = seed_lines("seed_002.txt")[:6]
    thread = _long_thread([])
    text = "\n".join([COURIER_TITLE, *body, "Comments are now closed for this story", *thread])
    result = clean_text(text)
    assert result.text == "\n".join([COURIER_TITLE, *body])


def test_bracketed_count_opens_a_thread_confirmed_by_its_vote_counts() -> None:
    """ "[ 167 comments ]" is a header too, and a vote count under each comment confirms a thread
    whose prose outweighs the article."""
    body = seed_lines("seed_002.txt")[:6]
    thread = _long_thread(["Rating: 36 Votes"])
    text = "\n".join([COURIER_TITLE, *body, "[ 167 comments ]", *thread])
    result = clean_text(text)
    assert result.text == "\n".join([COURIER_TITLE, *body])


@pytest.mark.parametrize(
    "line",
    [
        "5 thoughts on the budget and what it means for renters",  # a sub-heading, no quoted title
        f"12 thoughts on “{COURIER_TITLE}”",  # a thread link above the article: no body before it
    ],
)
def test_thread_like_lines_do_not_eat_the_article(line: str) -> None:
    body = seed_lines("seed_002.txt")
    text = "\n".join([line, *body] if "“" in line else [*body[:5], line, *body[5:]])
    assert set(body) <= set(clean_text(text).text.split("\n"))


@pytest.mark.parametrize(
    "line",
    [
        "Comments, ideas, improvements?",  # the author asks, in the article's own words
        "Response:",  # a label over an answer: an interview, a prompt and its reply
        "response-message: 234ms",  # code and logs name things "response"
        "response.status_code == 200",
        'response: {"id": 123, "name": "Jane"}',
    ],
)
def test_comment_words_inside_the_article_do_not_end_it(line: str) -> None:
    """Late in the article, where a real "Comments" header would cut the rest as the thread."""
    body = seed_lines("seed_002.txt")
    text = "\n".join([*body[:-3], line, *body[-3:]])
    assert set(body) <= set(clean_text(text).text.split("\n"))


def test_a_question_about_comments_opens_a_thread_its_markers_confirm() -> None:
    """ "Comments? Questions?" invites comments: a "Reply" under each comment confirms the thread."""
    body = seed_lines("seed_002.txt")
    thread = _long_thread(["Reply"])[:12]
    text = "\n".join([*body, "Comments? Questions?", *thread])
    assert clean_text(text).text.rstrip("\n") == "\n".join(body)


# Paragraphs written for these tests in languages whose function words are mostly longer than
# three letters, which the English stop words and the short-word fallback both miss.
OTHER_LANGUAGE_PARAGRAPHS = {
    "id": [
        "Pemerintah kota mengumumkan bahwa jalan utama akan ditutup selama dua minggu untuk perbaikan.",
        "Menurut kepala dinas, pekerjaan tersebut harus selesai sebelum musim hujan tiba di wilayah itu.",
        "Warga yang tinggal di sekitar lokasi diminta untuk menggunakan jalan alternatif melalui pasar.",
        "Sebagian pedagang mengatakan bahwa mereka khawatir penjualan akan turun selama penutupan ini.",
        "Dinas perhubungan juga akan menambah petugas di persimpangan yang paling padat setiap pagi.",
    ],
    "de": [
        "Die Stadtverwaltung hat angekündigt, dass die Hauptstraße zwei Wochen lang gesperrt wird.",
        "Nach Angaben des Bauamts sollen die Arbeiten noch vor dem Beginn der Regenzeit beendet werden.",
        "Anwohner werden gebeten, während der Bauarbeiten eine Umleitung über den Marktplatz zu nehmen.",
        "Einige Händler sagten, dass sie sich wegen der Sperrung große Sorgen um ihre Umsätze machen.",
        "Das Verkehrsamt will außerdem zusätzliche Helfer an den stark befahrenen Kreuzungen einsetzen.",
    ],
    # Korean spaces its words but joins its particles to them: no function words to count
    "ko": [
        "시청은 도로 보수 공사를 위해 중심가 도로를 앞으로 이 주 동안 전면 통제한다고 발표했다.",
        "건설과에 따르면 이번 공사는 장마가 시작되기 전에 반드시 끝나야 하는 것으로 알려졌다.",
        "공사 현장 주변에 사는 주민들은 시장 쪽으로 난 우회 도로를 이용해 달라는 요청을 받았다.",
        "일부 상인들은 도로가 막혀 있는 동안 매출이 크게 줄어들까 봐 걱정된다고 말했다.",
        "교통과는 또한 아침마다 가장 붐비는 교차로에 안내 요원을 더 배치할 계획이라고 밝혔다.",
    ],
}


@pytest.mark.parametrize("paragraph", [p for ps in OTHER_LANGUAGE_PARAGRAPHS.values() for p in ps])
def test_prose_in_another_language_reads_as_prose(paragraph: str) -> None:
    assert is_body_like(line_features(paragraph, DEFAULT_SETTINGS), DEFAULT_SETTINGS)


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGE_PARAGRAPHS))
def test_a_page_in_another_language_loses_its_menu_and_keeps_its_paragraphs(language: str) -> None:
    """Prose read as prose anchors the page: the menu lines go, and the paragraphs stay, also
    those the article's bare source links separate."""
    paragraphs = OTHER_LANGUAGE_PARAGRAPHS[language]
    menu = ["Beranda", "Berita", "Olahraga", "Kontak"]
    text = "\n".join(
        [
            *menu,
            paragraphs[0],
            paragraphs[1],
            "https://example.org/2024/05/laporan-dinas.html",
            *paragraphs[2:],
            "https://example.org/2024/05/jadwal-penutupan.html",
        ]
    )
    reasons = line_reasons(text, clean_text(text))
    assert [reasons[p] for p in paragraphs] == [None] * len(paragraphs)
    assert all(reasons[line] == "navigation" for line in menu)


# Other stories' headlines under a German article, as a sidebar lists them.
GERMAN_HEADLINES = [
    "Neue Radwege für die Innenstadt beschlossen",
    "Stadtwerke erhöhen die Preise für Fernwärme",
    "Museum zeigt restauriertes römisches Mosaik",
]


@pytest.mark.parametrize(
    "header",
    [
        "Mehr zum Thema",
        "Weitere Beiträge zum Thema",
        "À lire aussi",
        "Noticias relacionadas",
        "Leia também",
        "Articoli correlati",
        "Lees ook",
        "Czytaj także",
        "Материалы по теме",
        "Вам также может быть интересно",
        "Neueste Beiträge",
        "Свежие записи",
        "関連記事",
        "相关文章",
        # "most read", "most popular" with or without the thing listed
        "Самые популярные диеты",
        "Die beliebtesten Artikel",
        "Les plus lus",
        "Lo más leído",
        "Os mais lidos",
        "I più letti",
    ],
)
def test_related_headers_in_other_languages_open_a_related_block(header: str) -> None:
    """Without the header the headlines would stay: a headline-length line next to body is kept."""
    paragraphs = OTHER_LANGUAGE_PARAGRAPHS["de"]
    assert not clean_text("\n".join([*paragraphs, *GERMAN_HEADLINES])).spans
    text = "\n".join([*paragraphs, header, *GERMAN_HEADLINES])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in [header, *GERMAN_HEADLINES]} == {"related"}
    assert result.text.rstrip("\n") == "\n".join(paragraphs)


@pytest.mark.parametrize(
    ("clutter", "reason"),
    [
        ("Teilen", "share"),
        ("Compartilhe no WhatsApp", "share"),
        ("Whatsapp Facebook Pint Baixar", "share"),
        ("Anzeige", "promo"),
        ("Schlagwörter: Verkehr, Baustelle", "navigation"),
        ("Lesen Sie auch: Neue Radwege für die Innenstadt beschlossen", "related"),
        ("Добавить комментарий Отменить ответ", "comments"),
    ],
)
def test_clutter_lines_in_other_languages_are_removed_for_their_reason(clutter: str, reason: str) -> None:
    paragraphs = OTHER_LANGUAGE_PARAGRAPHS["de"]
    text = "\n".join([*paragraphs[:3], clutter, *paragraphs[3:]])
    result = clean_text(text, settings=EXTRACTED_SETTINGS)  # no context: the line's own words decide
    assert line_reasons(text, result)[clutter] == reason
    assert result.text == "\n".join(paragraphs)


def test_a_comments_header_in_another_language_opens_the_thread() -> None:
    """ "Kommentare (2)" below the article, its comments confirmed by their "Antworten" links."""
    paragraphs = OTHER_LANGUAGE_PARAGRAPHS["de"]
    thread = [
        "Kommentare (2)",
        "Klaus M. schrieb am 3. Mai:",
        "Endlich passiert etwas, die Straße war seit Jahren in einem furchtbaren Zustand und gefährlich.",
        "Antworten",
        "Petra S. schrieb am 4. Mai:",
        "Zwei Wochen sind für die Geschäfte am Markt eine lange Zeit, ich hoffe, sie halten den Plan ein.",
        "Antworten",
    ]
    text = "\n".join([*paragraphs, *thread])
    result = clean_text(text)
    assert {line_reasons(text, result)[line] for line in thread} == {"comments"}
    assert result.text.rstrip("\n") == "\n".join(paragraphs)


def test_a_given_page_title_with_the_site_name_finds_its_headline_line() -> None:
    """Pipelines often send the page's title tag: the headline with the site's name around it."""
    body = seed_lines("seed_004.txt")
    text = "\n".join(["The Daily Example", *body])
    for title in (f"{body[0]} | The Daily Example", f"The Daily Example - {body[0]}"):
        result = clean_text(text, title=title)
        assert headline_of(text, title=title) == body[0]
        assert result.body == "\n".join(body[1:])


def test_the_site_name_on_a_line_is_not_taken_for_the_given_titles_headline() -> None:
    body = seed_lines("seed_004.txt")
    text = "\n".join(["The Daily Example", *body[1:]])
    assert headline_of(text, title=f"{body[0]} | The Daily Example") is None


WRITERS_NOTE = [
    "About the Author",
    "Priya Raman",
    "Priya Raman is a health correspondent who has covered the NHS since 2015. She lives in Leeds.",
]


@pytest.mark.parametrize("settings", [DEFAULT_SETTINGS, EXTRACTED_SETTINGS])
def test_the_writers_note_under_the_article_goes_as_byline(settings) -> None:
    """An "About the author" header under the article opens the writer's note: its name, role and
    prose go as byline, and the share bar after it for its own reason."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([*body, *WRITERS_NOTE, "Share on Facebook Share on Twitter Share via Email"])
    result = clean_text(text, settings=settings)
    reasons = line_reasons(text, result)
    assert [reasons[line] for line in WRITERS_NOTE] == ["byline"] * 3
    assert reasons["Share on Facebook Share on Twitter Share via Email"] == "share"
    assert result.text == "\n".join(body)


def test_the_writers_note_on_one_line_goes_as_byline() -> None:
    body = seed_lines("seed_004.txt")
    note = "About the author: Priya Raman is a health correspondent who has covered the NHS since 2015."
    text = "\n".join([*body, note])
    assert line_reasons(text, clean_text(text))[note] == "byline"


@pytest.mark.parametrize("header", ["About the Author", "Sobre o autor", "À propos de l'auteur"])
def test_a_writers_note_header_above_the_article_does_not_eat_it(header: str) -> None:
    """Above the article there is no body before the header: the header opens no note."""
    body = seed_lines("seed_004.txt")
    text = "\n".join([header, *body])
    assert set(body) <= set(clean_text(text).text.split("\n"))


def test_a_long_text_under_an_about_the_author_header_is_the_articles_own() -> None:
    """A book review's section on the book's author runs past a note's length: it stays."""
    body = seed_lines("seed_004.txt")
    section = [
        (
            "Marta Keane wrote the novel over eleven years, most of them spent teaching in a village school "
            "on the west coast of Ireland, where the book is set and where she still lives with her family."
        ),
        (
            "Her first two books were collections of stories that sold a few hundred copies each, and she has "
            "said in interviews that she nearly gave up writing before a small press in Galway took this one."
        ),
        (
            "The novel has since been translated into fourteen languages, and its success has brought readers "
            "back to the stories, which are being reissued next spring with a new preface by the author herself."
        ),
        (
            "Keane says the next book is already half written, and that it will leave the coast for the city of "
            "Limerick, where she grew up, and for the years her father spent working at the docks there."
        ),
        (
            "She has no plans to leave teaching, which she describes as the thing that keeps her honest about how "
            "people talk, and which gave the novel its best scenes, set in a classroom of nine children."
        ),
    ]
    assert sum(len(line.split()) for line in section) > DEFAULT_SETTINGS.author_note_max_words
    text = "\n".join([*body, "About the author", *section])
    kept = clean_text(text).text.split("\n")
    assert section == kept[-len(section) :]
