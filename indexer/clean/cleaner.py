"""`clean_text`: combine the line, block, template and topic signals into one verdict per line.

Order of evidence, strongest first: the headline is kept; per-source template lines, block
membership and clutter patterns remove; then each remaining line is body-like ("good"), short,
or in between ("near"), and the in-between lines borrow the verdict of their neighbours, as in
jusText's context-sensitive pass. Last, an appended off-topic tail is cut, and so are the
off-topic entries of lists of other stories (headline + paragraph pairs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from itertools import groupby, islice, pairwise, takewhile

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from indexer.clean.blocks import block_reasons
from indexer.clean.lines import (
    LineFeatures,
    is_bare_link,
    is_body_like,
    line_features,
    next_content,
    pattern_reason,
)
from indexer.clean.result import CleanResult, Verdict, build_result
from indexer.clean.settings import DEFAULT_SETTINGS, CleanSettings
from indexer.clean.template import TemplateStats, normalised_line_key, template_score
from indexer.clean.topic import (
    BodyTerms,
    Fragment,
    off_topic_segments,
    off_topic_tail,
    teaser_pairs,
    term_count,
)
from indexer.clean.wrapping import joined_line, wrapped_paragraphs
from indexer.text import TITLE_SEPARATORS, normalize


class Kind(Enum):
    BLANK = "blank"
    REMOVED = "removed"  # decided by template, block or pattern evidence
    HEADLINE = "headline"
    GOOD = "good"
    NEAR = "near"
    SHORT = "short"


_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_DECISIVE = (Kind.GOOD, Kind.HEADLINE, Kind.REMOVED)
_UNDECIDED = (Kind.SHORT, Kind.NEAR)
_NAVIGATION_SCORE = {Kind.SHORT: 0.6, Kind.NEAR: 0.5}


def clean_text(
    text: str,
    *,
    title: str | None = None,
    template: TemplateStats | None = None,
    settings: CleanSettings = DEFAULT_SETTINGS,
) -> CleanResult:
    """Remove clutter lines and an off-topic tail from a plain-text page (one paragraph a line;
    a hard-wrapped paragraph is read as one line, see `wrapping`).

    Lines past `settings.max_page_lines` / `max_page_chars` are removed as "overflow" unread:
    no article is that long, and it bounds the work on hostile input."""
    all_lines = text.split("\n")
    analysed = all_lines[: _analysed_line_count(all_lines, settings)]
    # a hard-wrapped paragraph is read as one line; its lines share its verdict
    paragraphs = wrapped_paragraphs(analysed, settings)
    lines = [joined_line(analysed, paragraph) for paragraph in paragraphs]
    features = [line_features(line, settings) for line in lines]
    verdicts: list[Verdict] = [None] * len(lines)
    title_low = normalize(title) if title else ""
    kinds = _first_pass(lines, features, verdicts, title_low, template, settings)
    _drop_labels_above_headline(kinds, verdicts, settings)
    _resolve_by_context(kinds, features, verdicts, settings)
    _drop_echoed_runs(features, kinds, verdicts, settings)
    under_header = _drop_page_header(features, kinds, verdicts, title_low, settings)
    headline = title
    if title is None:
        guessed = under_header
        if guessed is None:
            guessed = _guess_headline(lines, features, kinds, verdicts, settings)
        headline = lines[guessed] if guessed is not None else None
    _cut_off_topic_tail(lines, features, kinds, verdicts, headline, settings)
    _drop_repeated_lines(features, kinds, verdicts, settings)
    _drop_restated_body(lines, features, kinds, verdicts, settings)
    kept_headline = next((i for i, k in enumerate(kinds) if k is Kind.HEADLINE and verdicts[i] is None), None)
    line_verdicts = [
        verdict for paragraph, verdict in zip(paragraphs, verdicts, strict=True) for _ in paragraph
    ]
    line_verdicts += [("overflow", 1.0)] * (len(all_lines) - len(analysed))
    headline_lines = paragraphs[kept_headline] if kept_headline is not None else None
    return build_result(all_lines, line_verdicts, headline_lines)


def _analysed_line_count(lines: Sequence[str], settings: CleanSettings) -> int:
    """How many leading lines fit the page budget (a single huge line is always analysed: only
    its head is read)."""
    chars = 0
    for count, line in enumerate(lines[: settings.max_page_lines]):
        chars += min(len(line), settings.analysed_chars) + 1
        if chars > settings.max_page_chars and count:
            return count
    return min(len(lines), settings.max_page_lines)


def _first_pass(
    lines: Sequence[str],
    features: Sequence[LineFeatures],
    verdicts: list[Verdict],
    title_low: str,
    template: TemplateStats | None,
    settings: CleanSettings,
) -> list[Kind]:
    blocks = block_reasons(lines, features, settings)
    kinds: list[Kind] = []
    for i, (line, f) in enumerate(zip(lines, features, strict=True)):
        if f.blank:
            verdicts[i], kind = ("blank", 0.0), Kind.BLANK
        elif title_low and _matches_title(f, title_low, settings):
            kind = Kind.HEADLINE
        elif removal := (
            _template_verdict(f, template, settings) or blocks.get(i) or pattern_reason(line, f, settings)
        ):
            verdicts[i], kind = removal, Kind.REMOVED
        elif is_body_like(f, settings):
            kind = Kind.GOOD
        elif f.words <= settings.short_max_words:
            kind = Kind.SHORT
        else:
            kind = Kind.NEAR
        kinds.append(kind)
    return kinds


def _drop_labels_above_headline(kinds: list[Kind], verdicts: list[Verdict], settings: CleanSettings) -> None:
    """Short lines above the given headline, when it opens the page (within `headline_window`
    lines), are the site's labels: a breadcrumb, a date, a kicker, the blog's name."""
    content = [i for i, k in enumerate(kinds) if k is not Kind.BLANK][: settings.headline_window]
    top = next((pos for pos, i in enumerate(content) if kinds[i] is Kind.HEADLINE), None)
    for i in content[: top or 0]:
        if kinds[i] is Kind.SHORT:
            verdicts[i], kinds[i] = ("navigation", 0.6), Kind.REMOVED


def _matches_title(f: LineFeatures, title_low: str, settings: CleanSettings) -> bool:
    """The headline line, also when the page appends " - Site Name" to it, or when the given
    title carries the site's name and the line does not (a page's title tag, "Headline | Site"
    or "Site | Headline"). The line must be the longer part: the site's name alone on a line
    is not the headline."""
    low = f.low
    if low == title_low or (low.startswith(title_low) and len(low) <= 1.5 * len(title_low) + 20):
        return True
    return _headline_of_title_tag(f, title_low, settings)


def _headline_of_title_tag(f: LineFeatures, title_low: str, settings: CleanSettings) -> bool:
    """The line is the headline of a title tag carrying the site's name on one side ("Headline |
    Site", "Site - Headline"); the headline is the longer part."""
    low = f.low
    if f.words < settings.headline_min_words or 2 * len(low) <= len(title_low):
        return False
    if title_low.startswith(low):
        return title_low[len(low) :].startswith(TITLE_SEPARATORS)
    return title_low.endswith(low) and title_low[: -len(low)].endswith(TITLE_SEPARATORS)


def _template_verdict(f: LineFeatures, template: TemplateStats | None, settings: CleanSettings) -> Verdict:
    if template is None:
        return None
    key = normalised_line_key(f.low, f.tokens, settings)  # = line_key(line), without renormalising
    if key is None:
        return None
    score = template_score(template.line_count(key), template.doc_count, settings)
    return ("site_template", score) if score is not None else None


def _resolve_by_context(
    kinds: list[Kind], features: Sequence[LineFeatures], verdicts: list[Verdict], settings: CleanSettings
) -> None:
    """Near lines stay next to body on either side; short lines only between body on both sides.
    A list counts as one line, so a long list inside the article stays with it; a table's rows of
    figures, and a recipe's ingredients, are read as one block and stay beside body on either
    side (a wire earnings brief opens with its table, far above its notes; ingredients hang
    under a removed "Print" button, above the method). Without enough body on the page to anchor
    anything, or with `settings.context_removes` off (text an HTML extractor produced),
    undecided lines are kept."""
    if not settings.context_removes:
        return
    anchor_words = sum(f.words for f, k in zip(features, kinds, strict=True) if k is Kind.GOOD)
    if anchor_words < settings.min_anchor_words:
        return
    content = [i for i, k in enumerate(kinds) if k is not Kind.BLANK]
    # only an undecided line with a digit can be a row (the neighbour search stops at decided
    # ones anyway): the test inline spares nearly every line a call
    numbered = [p for p, i in enumerate(content) if kinds[i] in _UNDECIDED and _DIGIT.search(features[i].low)]
    figures = [False] * len(content)
    for pos in numbered:
        figures[pos] = _figures_row(features[content[pos]], settings)
    numbered_lows = [features[content[pos]].low for pos in numbered]
    for pos in _delimited_rows(numbered_lows, numbered, settings) + _quantity_rows(
        numbered_lows, numbered, settings
    ):
        figures[pos] = True
    # a row of small counts beside a table's row is one of its rows ("Shr 71 cts vs 78 cts")
    for pos in [p for p in numbered if not figures[p] and len(_figure_tokens(features[content[p]])) >= 2]:
        if (pos > 0 and figures[pos - 1]) or (pos + 1 < len(content) and figures[pos + 1]):
            figures[pos] = True
    in_list = [features[i].list_item for i in content]
    # a list item's own link, on the line under it ("3) Blade Runner (4K)" / "http://amzn.to/..."),
    # is part of the item: the list runs on past it, and the link stays if its item does (a link
    # removed for another cause, inside a related block or as template, stays removed)
    item_links = [
        pos
        for pos in range(1, len(content))
        if in_list[pos - 1]
        and is_bare_link(features[content[pos]])
        and (verdicts[content[pos]] or ("",))[0] == "navigation"
    ]
    for pos in item_links:
        in_list[pos] = True
    in_table = [item or row for item, row in zip(in_list, figures, strict=True)]
    for undecided, needs_both in ((Kind.NEAR, False), (Kind.SHORT, True)):
        decided = [kinds[i] for i in content]
        for pos in item_links:
            decided[pos] = Kind.BLANK
        for pos, i in enumerate(content):
            if kinds[i] is not undecided:
                continue
            skipped = in_table if figures[pos] else in_list
            before = _nearest_decisive(decided, skipped, pos, -1, settings.context_window)
            after = _nearest_decisive(decided, skipped, pos, +1, settings.context_window)
            sides = (before is Kind.GOOD or before is Kind.HEADLINE, after is Kind.GOOD)
            if all(sides) if needs_both else any(sides):
                kinds[i] = Kind.GOOD
            elif figures[pos] and any(sides):
                pass  # a table's row beside the body stays, but anchors nothing as body would
            else:
                verdicts[i] = ("navigation", _NAVIGATION_SCORE[undecided])
                kinds[i] = Kind.REMOVED
    for pos in item_links:
        if verdicts[content[pos - 1]] is None:
            verdicts[content[pos]], kinds[content[pos]] = None, Kind.SHORT


def _drop_echoed_runs(
    features: Sequence[LineFeatures], kinds: list[Kind], verdicts: list[Verdict], settings: CleanSettings
) -> None:
    """A run of kept lines that the page prints again elsewhere as clutter is that clutter: a
    ticker of other stories' headline-and-lead lines above the article, repeated in a "Breaking
    News" box at the foot. At least `echoed_run_min_lines` kept lines in a row (removed lines
    between them do not break the run) must each have a removed twin, and read as a teaser does
    (a headline, or a lead cut short with an ellipsis): one echoed line is more likely the
    article's lead quoted in a teaser list, and whole paragraphs echoed are the article itself,
    quoted in a comment or printed twice."""
    removed = {f.low for f, v in zip(features, verdicts, strict=True) if v is not None and not f.blank}
    if len(removed) < settings.echoed_run_min_lines:
        return
    kept = [i for i, f in enumerate(features) if not f.blank and verdicts[i] is None]

    def echoed(i: int) -> bool:
        f = features[i]
        teaser = not is_body_like(f, settings) or f.low.endswith(("...", "…"))
        return (
            kinds[i] is not Kind.HEADLINE
            and f.words >= settings.repeated_min_words
            and f.low in removed
            and teaser
        )

    for is_echo, group in groupby(kept, key=echoed):
        run = list(group)
        if is_echo and len(run) >= settings.echoed_run_min_lines:
            for i in run:
                verdicts[i], kinds[i] = ("repeated", 0.8), Kind.REMOVED


# What splits a row of a list into its fields: "June 19 – Charlotte, NC @ PNC Music Pavilion",
# "3a etapa: 22 de abril – Velopark", "Humidity: 76 %".
_FIELD_DELIMITERS = (" -- ", " – ", " — ", " - ", ": ", " @ ")


def _delimited_rows(lows: Sequence[str], positions: Sequence[int], settings: CleanSettings) -> list[int]:
    """Of the undecided lines with a figure (`lows`, at content `positions`), those that are the
    rows of a list written without bullets: at least `delimited_rows_min` of them in a row, each
    split into fields by the same delimiter (a schedule, a season's calendar). A menu's lines are
    labels of one field, and a list of other headlines ("Rates warning: PM braces voters")
    carries no figures."""

    def delimiter(low: str) -> str | None:
        return next((d for d in _FIELD_DELIMITERS if 0 < low.find(d) < len(low) - len(d)), None)

    return [
        pos
        for run in _keyed_runs(lows, positions, delimiter)
        if len(run) >= settings.delimited_rows_min
        for _, pos in run
    ]


# A quantity and its unit opening a line: "1 tsp cinnamon", "1/2 cup sugar", "8-9 oz. ground beef".
_QUANTITY = re.compile(r"^\d+([./]\d+)?( ?- ?\d+([./]\d+)?)? ?")
_UNIT = re.compile(  # matched where the quantity ends
    r"(cups?|c|tbsps?|tablespoons?|tsps?|teaspoons?|oz|ounces?|lbs?|pounds?|g|grams?|kg|kilograms?|"
    r"ml|millilit(er|re)s?|l|lit(er|re)s?|cloves?|pinch(es)?|dash(es)?|cans?|jars?|packages?|slices?|sticks?|"
    r"bunch(es)?|sprigs?|heads?|pieces?|large|medium|small|whole)\b\.?"
)


def _quantity_rows(lows: Sequence[str], positions: Sequence[int], settings: CleanSettings) -> list[int]:
    """Of the undecided lines with a figure (`lows`, at content `positions`), those that are a
    list of quantities written without bullets, a recipe's ingredients: at least
    `delimited_rows_min` lines in a row opening with a number, at least half of them naming a
    unit ("1 tsp cinnamon", "8-9 ripe pears"). A menu of numbered headlines ("10 Ways To ...")
    names no units."""

    def opens_with_quantity(low: str) -> bool | None:
        return True if _QUANTITY.match(low) else None  # None starts no run

    def names_unit(low: str) -> bool:
        quantity = _QUANTITY.match(low)
        return quantity is not None and _UNIT.match(low, quantity.end()) is not None

    return [
        pos
        for run in _keyed_runs(lows, positions, opens_with_quantity)
        if len(run) >= settings.delimited_rows_min and 2 * sum(names_unit(low) for low, _ in run) >= len(run)
        for _, pos in run
    ]


def _keyed_runs(
    lows: Sequence[str], positions: Sequence[int], key: Callable[[str], object]
) -> Iterator[list[tuple[str, int]]]:
    """Runs of lines at consecutive content `positions` with one key that is not None."""
    # consecutive positions keep their distance to their index in `positions`
    runs = groupby(
        enumerate(zip(lows, positions, strict=True)), key=lambda item: (key(item[1][0]), item[1][1] - item[0])
    )
    for (run_key, _), run in runs:
        if run_key is not None:
            yield [line for _, line in run]


def _figure_tokens(f: LineFeatures) -> list[str]:
    """The line's tokens that carry digits."""
    return [t for t in f.low.split() if _DIGIT.search(t)]


def _figures_row(f: LineFeatures, settings: CleanSettings) -> bool:
    """A table's row of figures ("Shr 48.4 cents vs 40.6", "Nevada ..... 41 31 - 72"): a third
    of its tokens or more carry digits, and not only small counts (a pager's "Page 1 of 3");
    or, in a row of up to `measured_row_max_tokens`, two figures of which one is a measure, a
    decimal, thousands, a share or a sum ("Oper net profit 523,000 vs loss 2.2 mln", where a
    menu's numbers are counts, years, street numbers and zip codes)."""
    tokens = f.low.split()
    figures = _figure_tokens(f)
    if len(tokens) < 3 or len(figures) < 2:
        return False
    if len(tokens) <= settings.measured_row_max_tokens and any(_MEASURE.search(t) for t in figures):
        return True
    counts_only = all(t.isdigit() and len(t) <= 2 for t in figures)  # "Page 1 of 3", "1 2 3 »"
    return 3 * len(figures) >= len(tokens) and not counts_only


# A figure that measures: a decimal, thousands, a share or a sum ("2.2", "523,000", "18%", "$40").
_MEASURE = re.compile(r"\d[.,]\d|\d%|[$£€¥]\d")


def _nearest_decisive(
    kinds: Sequence[Kind], skipped: Sequence[bool], pos: int, step: int, window: int
) -> Kind | None:
    """Kind of the nearest decided line within `window` lines; the lines marked `skipped` (list
    items, a table's rows) are passed for free."""
    j, budget = pos, window
    while budget > 0:
        j += step
        if not 0 <= j < len(kinds):
            return None
        if kinds[j] in _DECISIVE:
            return kinds[j]
        if not skipped[j]:
            budget -= 1
    return None


def _drop_page_header(
    features: Sequence[LineFeatures],
    kinds: list[Kind],
    verdicts: list[Verdict],
    title_low: str,
    settings: CleanSettings,
) -> int | None:
    """A page that opens with its title tag ("Headline – Site Name", as a scrape of the whole
    page prints it) and repeats the headline over a run of body has its headline there, and
    everything between is the site's header: menus, a location widget, teasers of other
    stories. The title tag and those lines go, and the index of the headline is returned. The
    title tag is the page's first line (matching the given title, if any), and the repeat is it
    without the site's name: a first line that is the headline itself, printed again under the
    article by a share box or a list of stories, opens no header. The repeat must stand within
    `headline_window` lines above `off_topic_min_words` words of body. A repeat under a run of
    that much body since an earlier repeat is a section's heading restating the title (a review's
    intro stands between), and the header ended at the earlier one, whose window bylines and
    share buttons filled."""
    content = [i for i, f in enumerate(features) if not f.blank]
    if len(content) < 2 or (title_low and kinds[content[0]] is not Kind.HEADLINE):
        return None
    first = content[0]
    title_tag = features[first].low

    def repeats(i: int) -> bool:
        return (not title_low or kinds[i] is Kind.HEADLINE) and _headline_of_title_tag(
            features[i], title_tag, settings
        )

    good_words = [features[i].words if kinds[i] is Kind.GOOD else 0 for i in content]
    earlier: int | None = None  # position of the last repeat passed over
    for pos, i in enumerate(content[1:], 1):
        if not repeats(i):
            continue
        if sum(good_words[pos + 1 : pos + 1 + settings.headline_window]) >= settings.off_topic_min_words:
            if (
                earlier is not None
                and _longest_run(good_words[earlier + 1 : pos]) >= settings.off_topic_min_words
            ):
                pos = earlier  # the body began under the earlier repeat: this one is a section's heading
            verdicts[first], kinds[first] = ("repeated", 0.8), Kind.REMOVED
            for j in content[1:pos]:
                if verdicts[j] is None:
                    verdicts[j], kinds[j] = ("navigation", 0.7), Kind.REMOVED
            headline = content[pos]
            verdicts[headline], kinds[headline] = None, Kind.HEADLINE
            return headline
        earlier = pos
    return None


def _longest_run(words: Sequence[int]) -> int:
    """Most words in consecutive lines that all count (a paragraph run of body)."""
    longest = run = 0
    for count in words:
        run = run + count if count else 0
        longest = max(longest, run)
    return longest


def _guess_headline(
    lines: Sequence[str],
    features: Sequence[LineFeatures],
    kinds: list[Kind],
    verdicts: list[Verdict],
    settings: CleanSettings,
) -> int | None:
    """Without a given title, keep the headline just above the first run of body (body lines at
    most `context_window` lines apart): among the headline-shaped lines there, the one sharing
    most content words with the run's lead. When none does (the first run is a pair of teasers
    above the article), the same is tried above the run with most words, then above the run
    just before it when the gap is at most twice `context_window` (the article's first
    paragraphs, parted from the rest by a photo, its caption and a share bar). Only then are
    the lines that open those runs tried (a headline right over the lead, kept as body by its
    neighbours)."""
    content = [i for i, k in enumerate(kinds) if k is not Kind.BLANK]
    goods = [pos for pos, i in enumerate(content) if kinds[i] is Kind.GOOD]
    runs: list[list[int]] = []
    for previous, pos in pairwise([None, *goods]):
        if previous is None or pos - previous > settings.context_window:
            runs.append([pos])
        else:
            runs[-1].append(pos)
    runs = [run for run in runs if len(run) >= 2]
    if not runs:
        return None
    heaviest = runs.index(max(runs, key=lambda run: sum(features[content[pos]].words for pos in run)))
    searched = [runs[0]] if heaviest == 0 else [runs[0], runs[heaviest]]
    if heaviest > 1 and runs[heaviest][0] - runs[heaviest - 1][-1] <= 2 * settings.context_window:
        searched.append(runs[heaviest - 1])
    for opening, run in [(opening, run) for opening in (False, True) for run in searched]:
        best = _headline_above(run, opening, content, lines, features, kinds, verdicts, settings)
        if best is not None:
            verdicts[best] = None
            kinds[best] = Kind.HEADLINE
            return best
    return None


def _headline_above(
    run: Sequence[int],
    opening: bool,
    content: Sequence[int],
    lines: Sequence[str],
    features: Sequence[LineFeatures],
    kinds: Sequence[Kind],
    verdicts: Sequence[Verdict],
    settings: CleanSettings,
) -> int | None:
    """The headline-shaped line within `headline_window` lines above a run of body (content
    positions) sharing most content words with its lead, if any does; with `opening`, such a
    line among those that open the run only for standing next to it (kept as body by its
    neighbours, but not reading like prose)."""
    prose = list(islice((pos for pos in run if is_body_like(features[content[pos]], settings)), 2)) or run[:2]
    lead = _content_words(" ".join(features[content[pos]].low for pos in prose))
    if opening:
        positions: Iterable[int] = run[: run.index(prose[0])][::-1][: settings.headline_window]
    else:  # up to the nearest line of body or headline above
        window = range(run[0] - 1, max(run[0] - 1 - settings.headline_window, -1), -1)
        positions = takewhile(lambda pos: kinds[content[pos]] not in (Kind.GOOD, Kind.HEADLINE), window)
    return _best_headline(positions, content, lines, features, kinds, verdicts, lead, settings)


def _best_headline(
    positions: Iterable[int],
    content: Sequence[int],
    lines: Sequence[str],
    features: Sequence[LineFeatures],
    kinds: Sequence[Kind],
    verdicts: Sequence[Verdict],
    lead: set[str],
    settings: CleanSettings,
) -> int | None:
    """Among the lines at `positions` (nearest first), the headline-shaped one sharing most
    content words with the lead."""
    best, best_overlap = None, 0
    for pos in positions:
        i = content[pos]
        f = features[i]
        # a line removed for lack of context, or swept into a related block, may be the
        # headline; one whose own wording proves it clutter may not (a breadcrumb "You are here:
        # Home News", a photo credit "AP Photo/Duane Burleson" under a block's header)
        overridable = verdicts[i] is None or (
            verdicts[i][0] in ("related", "navigation") and pattern_reason(lines[i], f, settings) is None
        )
        shaped = settings.headline_min_words <= f.words <= settings.headline_max_words
        if overridable and shaped and not f.low.endswith("."):
            overlap = len(_content_words(f.low) & lead)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
    return best


def _content_words(low: str) -> set[str]:
    """Content words, crudely stemmed (a plural "s" off, then six letters) so that "recalls"
    meets "recalled" and "tree" meets "trees"."""
    return {
        w.removesuffix("s")[:6] for w in _WORD.findall(low) if w not in ENGLISH_STOP_WORDS and not w.isdigit()
    }


def _truncated(f: LineFeatures, settings: CleanSettings) -> bool:
    """A headline-length line cut off by the site: it ends in an ellipsis glued to a word."""
    return f.low.endswith("...") and f.low[-4:-3].isalnum() and f.words <= settings.headline_max_words


# What a teaser card prints between its title and summary, removed as short lines of these reasons.
_CARD_FURNITURE = frozenset({"timestamp", "navigation", "byline"})


def _cut_off_topic_tail(
    lines: Sequence[str],
    features: Sequence[LineFeatures],
    kinds: Sequence[Kind],
    verdicts: list[Verdict],
    headline: str | None,
    settings: CleanSettings,
) -> None:
    body: list[Fragment] = []
    previous_removed = False
    furniture_only = True
    for i, kind in enumerate(kinds):
        if kind is Kind.BLANK:
            continue
        if verdicts[i] is not None:
            if verdicts[i][0] == "caption":
                continue  # a photo's caption sits inside the article: no story starts after it
            previous_removed = True
            furniture_only &= (
                verdicts[i][0] in _CARD_FURNITURE and features[i].words <= settings.short_max_words
            )
            continue
        f = features[i]
        prose = is_body_like(f, settings)
        terms = term_count(f.low, settings, f.low_words)
        body.append(
            Fragment(
                i,
                lines[i],
                words=terms,
                prose_words=terms if prose else 0,
                after_gap=previous_removed,
                after_furniture=previous_removed and furniture_only,
                # a teaser title cut short ("...") is a headline too
                headline_like=(not prose and not f.low.endswith(".")) or _truncated(f, settings),
            )
        )
        previous_removed = False
        furniture_only = True
    page_terms = BodyTerms(body, headline, settings)  # hashed once, on first use by either
    cuts = off_topic_segments(body, headline, settings, page_terms)
    tail = off_topic_tail(body, headline, settings, page_terms)
    if tail is not None:
        cuts.append((tail[0], len(body), tail[1]))
    for start, end, similarity in cuts:
        for fragment in body[start:end]:
            verdicts[fragment.index] = ("off_topic", 1.0 - similarity)
    for start, end, similarity in teaser_pairs(body, headline, settings, page_terms):
        for fragment in body[start:end]:
            if verdicts[fragment.index] is None:
                verdicts[fragment.index] = ("related", 1.0 - similarity)


def _drop_repeated_lines(
    features: Sequence[LineFeatures], kinds: Sequence[Kind], verdicts: list[Verdict], settings: CleanSettings
) -> None:
    """A line kept twice in a row is said once: the copy of a kept line of at least
    `repeated_min_words` words goes when it follows within `repeated_near_lines` non-blank lines
    and nothing but removed clutter or a label of a few words stands between (a caption over and
    under its photo, a card's headline around its section label). So does a copy cut short with
    an ellipsis next to the full line ("... more" under an expanded caption); when the full line
    ends in the widget's "less" toggle, both are the caption, and when the full line went as
    clutter, its cut copy goes for the same reason. An article that repeats a sentence on purpose
    says something in between ("Let me repeat that:"). The headline is never a copy: when it is
    printed twice, the other copy goes, above it or below."""
    recent: list[tuple[int, int]] = []  # (non-blank position, index) of the last candidate lines
    position = 0
    for i, f in enumerate(features):
        if f.blank:
            continue
        position += 1
        if f.words < settings.repeated_min_words:
            continue
        recent = [(at, j) for at, j in recent if position - at <= settings.repeated_near_lines]
        for _, j in recent if verdicts[i] is None else ():
            if not all(
                verdicts[k] is not None or features[k].words <= settings.short_max_words
                for k in range(j + 1, i)
            ):
                continue
            copy = _copy_of(features[j].low, f.low, settings)
            if copy is None:
                continue
            if verdicts[j] is not None:  # only a cut copy follows the removed line's fate
                if copy == 1 and features[j].low != f.low:
                    verdicts[i] = (verdicts[j][0], 0.7)
                    break
                continue
            cut, full = (j, i)[copy], (i, j)[copy]
            if kinds[cut] is Kind.HEADLINE:
                if features[j].low != f.low:
                    continue
                cut, full = full, cut  # the headline stays; its exact copy goes, above it or below
            verdicts[cut] = ("repeated", 0.7)
            if _expander_pair(features[full].low, features[cut].low):
                verdicts[full] = ("caption", 0.7)
            elif _card_title_twice(features, kinds, j, i, settings):
                verdicts[full] = ("repeated", 0.7)
            break
        recent.append((position, i))


def _card_title_twice(
    features: Sequence[LineFeatures], kinds: Sequence[Kind], first: int, second: int, settings: CleanSettings
) -> bool:
    """A title printed twice in a row, the same words, is a card of another story (its image's
    alt text over its link): the article's own sub-headings and paragraphs are printed once,
    its headline's copy is handled apart (as is a line twice above any body: the page's own
    title), and a table's header row printed again heads rows of figures. A title opens with a
    word, a number or a quote, not a bracket: a table's cells side by side ("(includes housing
    and lamp)") do."""
    if not (
        features[first].low == features[second].low
        and (features[second].low[:1].isalnum() or features[second].low[:1] in "\"'")
        and all(features[k].blank for k in range(first + 1, second))
        and Kind.HEADLINE not in (kinds[first], kinds[second])
        and not is_body_like(features[second], settings)
        and Kind.GOOD in islice(kinds, first)
    ):
        return False
    following = next_content(features, second)
    return following is None or not _figures_row(features[following], settings)


def _expander_pair(full: str, cut: str) -> bool:
    """A caption widget's two states, both printed by a scrape: the whole caption ending in its
    "less" toggle and the caption cut short ending in "... more"."""
    return full.endswith(" less") and cut.endswith(" more")


_CUT_SHORT = re.compile(r"^(.*\w)\s?(?:\.\.\.|…)(?: \w+)?$")


def _copy_of(first: str, second: str, settings: CleanSettings) -> int | None:
    """1 when `second` repeats `first` or is `first` cut short, 0 when `first` is `second` cut
    short, else None."""
    if first == second:
        return 1
    for shorter, longer, which in ((second, first, 1), (first, second, 0)):
        tail = shorter[-12:]
        if "..." not in tail and "…" not in tail:  # spares the regex on nearly every line
            continue
        cut = _CUT_SHORT.match(shorter)
        if (
            cut
            and len(cut[1].split()) >= settings.repeated_min_words
            and len(longer) > len(cut[1])
            and longer.startswith(cut[1])
        ):
            return which
    return None


def _drop_restated_body(
    lines: Sequence[str],
    features: Sequence[LineFeatures],
    kinds: Sequence[Kind],
    verdicts: list[Verdict],
    settings: CleanSettings,
) -> None:
    """A long line made of sentences that other kept lines say, taken from at least
    `restated_min_sources` of them, is a second copy of the article: a page's metadata (a
    description or the whole body, run together on one line) dumped into its text. The
    paragraphs stay and the copy goes. A paragraph that quotes one or two others stays, and so
    do paragraphs of one length that say the same (terms and conditions for each country)."""
    candidates = [
        i
        for i, f in enumerate(features)
        if f.words >= settings.restated_min_words and verdicts[i] is None and kinds[i] is not Kind.HEADLINE
    ]
    if not candidates:
        return
    # the shortest kept line saying each sentence (one entry a sentence: linear on any page)
    said = {i: _sentences(f.low) for i, f in enumerate(features) if verdicts[i] is None and not f.blank}
    shortest: dict[str, tuple[int, int]] = {}
    for i, sentences in said.items():
        words = features[i].words
        for sentence in sentences:
            if words < shortest.get(sentence, (words + 1,))[0]:
                shortest[sentence] = (words, i)
    for i in candidates:
        words = features[i].words
        sentences = said[i]
        if len(lines[i]) > settings.analysed_chars:
            sentences = sentences[:-1]  # the analysed head ends mid-sentence
        sources: set[int] = set()
        restated_chars = 0
        for sentence in sentences:
            # a copy runs paragraphs together: it is longer than any of them, at least twice
            source_words, source = shortest[sentence]
            if 2 * source_words <= words:
                sources.add(source)
                restated_chars += len(sentence)
        total_chars = sum(map(len, sentences))
        if (
            len(sources) >= settings.restated_min_sources
            and restated_chars >= settings.restated_min_share * total_chars
        ):
            verdicts[i] = ("repeated", round(restated_chars / total_chars, 3))


# Sentences shorter than this ("yes", "no. 3") recur in any text.
_MIN_SENTENCE_CHARS = 20


def _sentences(low: str) -> list[str]:
    """The sentences of a normalised line, as a page running paragraphs together keeps them."""
    pieces = (piece.strip().rstrip(".") for piece in low.split(". "))
    return [piece for piece in pieces if len(piece) >= _MIN_SENTENCE_CHARS]
