"""Every threshold of the cleaner, in one documented place (like trafilatura's settings.cfg).

The defaults were tuned on the tuning halves of the benchmarks in `bench/clean_bench.py`
(L3S-GN1 lines, Zyte AEB, WCXB); the reporting halves were never used to pick a value. The bias is
deliberate: removing a real article line costs more than keeping a line of clutter, so every
"remove" rule demands more evidence than its "keep" counterpart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanSettings:
    # --- bounded work -------------------------------------------------------------------------
    # Only this many leading characters of a line are matched against patterns and tokenised
    # for shape features; a 1 MB line without newline is judged on its head (it is never clutter
    # of the kinds we look for past that point, and it keeps every line O(1)).
    analysed_chars: int = 2000
    # Page budget: lines past the first `max_page_lines`, or past `max_page_chars` analysed
    # characters, are removed as "overflow" without being read (news articles are a few hundred
    # lines; this caps a 5 MB page at about a second).
    max_page_lines: int = 10_000
    max_page_chars: int = 600_000

    # --- line shape: what an article sentence looks like ---------------------------------------
    # A line is "body-like" (good) with at least this many words and this share of function
    # words (English stop words and those of the languages in `function_words`); jusText uses
    # 0.30/0.32 for paragraphs, lines are noisier so we ask less.
    good_min_words: int = 10
    good_min_stopword_ratio: float = 0.22
    # Other languages: words of at most `function_word_max_chars` letters count as stop words,
    # discounted by `short_word_weight` (the listed function words stay the primary evidence).
    function_word_max_chars: int = 3
    short_word_weight: float = 0.8
    # Scripts without spaces (CJK, Thai): this many characters count as one word.
    unspaced_chars_per_word: float = 2.0
    # Without terminal punctuation a line must be longer to count as body (headlines and
    # teasers are short and unpunctuated).
    good_unpunctuated_min_words: int = 25
    # Below this many words a line carries no evidence of its own: its neighbours decide.
    short_max_words: int = 4
    # A line whose words are mostly Capitalised is a headline/menu, not prose.
    title_case_min_ratio: float = 0.7
    # Link lists: at least this many menu separators (| • · » ›) and this many per word.
    link_list_min_separators: int = 2
    link_list_min_separators_per_word: float = 0.15

    # --- patterns (newsletter, share, caption, byline, copyright, promo, timestamp) -------------
    # Phrase patterns only fire on lines no longer than this (a 60-word paragraph that mentions
    # "subscribe" is article text, a 12-word "Subscribe to our newsletter" line is not).
    pattern_max_words: int = 30
    # "Weak" calls to act (subscribe, share, click here) skip body-like lines longer than this:
    # a one-sentence call to subscribe reads like prose, a paragraph that mentions subscribing
    # is article text. Weak topic words (copyright, privacy policy) skip every body-like line.
    weak_pattern_max_body_words: int = 15
    # Token-class lines (share buttons, timestamps) need this share of their words in the class.
    token_class_min_ratio: float = 0.6
    token_class_max_words: int = 14

    # --- hard-wrapped paragraphs (see `wrapping`) ------------------------------------------------
    # A run of lines is read as wrapped when its widest line has between these many characters
    # (wire copy and e-mail wrap at 65-80 columns) ...
    wrap_min_width: int = 40
    wrap_max_width: int = 100
    # ... a line at least this share of that width is full, so the next line may continue it ...
    wrap_full_share: float = 0.7
    # ... and at least this share of the run's lines (but its last) are full ...
    wrap_min_full_lines_share: float = 0.5
    # ... at least this share of the continuations opening with a word open with a lowercase one
    # (cut mid-sentence), and the page has at least `wrap_min_lowercase_lines` of them.
    wrap_min_lowercase_share: float = 0.5
    wrap_min_lowercase_lines: int = 3

    # --- context: who decides for short and near-good lines -------------------------------------
    # Non-blank lines looked at on each side when a short line borrows its neighbours' verdict.
    context_window: int = 5
    # With fewer body-like words than this on the whole page there is no article to anchor the
    # context rule (a table, a list, a language we misread): undecided lines are then kept.
    min_anchor_words: int = 30
    # Whether undecided (short / near-good) lines without body next to them are removed as
    # navigation. Right for full-page text, where menus are such lines; wrong after an HTML
    # extractor, which dropped the menus already: the short lines it leaves are the article's
    # list items, table rows and sub-headings (see `EXTRACTED_SETTINGS`).
    context_removes: bool = True

    # At least this many undecided lines in a row, split into fields by the same delimiter ("June
    # 19 – Charlotte, NC") or opening with quantities ("1 tsp cinnamon"), are a list's rows, read
    # as one block like a table's.
    delimited_rows_min: int = 3
    # A row of up to this many tokens is a table's when two of them are figures and one measures
    # (a decimal, thousands, a share or a sum: "Oper net 42.9 mln vs 46.6 mln").
    measured_row_max_tokens: int = 12
    # A kept line of at least `repeated_min_words` words is removed when it repeats a kept line at
    # most `repeated_near_lines` non-blank lines above it, with only removed clutter or labels of
    # `short_max_words` words between (a caption over and under its photo, a card's headline).
    repeated_min_words: int = 5
    repeated_near_lines: int = 2
    # At least this many kept lines in a row, each printed again elsewhere on the page as removed
    # clutter, are that clutter (a ticker above the article, repeated in a box at its foot).
    echoed_run_min_lines: int = 3
    # A kept line of at least `restated_min_words` words goes when at least `restated_min_share`
    # of its sentences (by characters) are said by other kept lines, at least
    # `restated_min_sources` of them: the article's body or description run together on one line
    # by a page's metadata. An article's own line quoting one or two others stays.
    restated_min_words: int = 80
    restated_min_sources: int = 4
    restated_min_share: float = 0.6

    # --- headline -------------------------------------------------------------------------------
    # The headline is searched among this many non-blank lines above the first run of body, and
    # must have a headline's length; the candidate sharing most content words with the lead wins.
    # A given headline among the first `headline_window` non-blank lines also marks the short lines
    # above it as the site's labels (breadcrumb, date, kicker, blog name).
    headline_window: int = 8
    headline_min_words: int = 3
    headline_max_words: int = 25

    # --- block structure ("Related", "MORE:", comments) ----------------------------------------
    # A block header is a short line (at most this many words).
    block_header_max_words: int = 7
    # A related-headlines block ends at the first line that reads like body again: at least this
    # many words, terminal punctuation and the good-line stop-word ratio ...
    block_resume_min_words: int = 16
    # ... and at most this many lines are swallowed by one related block.
    related_block_max_lines: int = 40
    # A comments header only opens a block once this many body words were seen before it (a
    # "Comments (3)" link in the page header must not eat the article).
    comments_min_body_words_before: int = 60
    # ... and no more prose after it than before it, unless comment markers ("Posted by",
    # "Report abuse", "X says:") recur after it, at least one per this many words of prose.
    comments_max_prose_words_per_marker: int = 250
    # An "About the author" header under the article (after `comments_min_body_words_before` body
    # words) opens the writer's note of at most this many lines; more words of prose than this
    # under it are the article's own section, and the header opens nothing.
    author_note_max_lines: int = 6
    author_note_max_words: int = 150

    # --- per-source template lines -------------------------------------------------------------
    # A line is site template when it recurs in at least `template_min_docs` articles of the
    # source AND in at least `template_min_share` of the source's articles, and the source has at
    # least `template_min_source_docs` articles. Deterministic given the two counts.
    template_min_source_docs: int = 5
    template_min_docs: int = 3
    template_min_share: float = 0.3
    # Only lines up to this many words are template candidates (keeps the per-source counters
    # small; long paragraphs are article text).
    template_max_words: int = 60

    # --- topical coherence (off-topic appended fragments) ---------------------------------------
    # Hashed term space for the TF vectors (sklearn HashingVectorizer, English stop words).
    topic_n_features: int = 2**18
    # At most this many split points are tried for an appended tail (bounds the work on huge pages).
    topic_max_splits: int = 64
    # A tail fragment (starting at a headline-like line or after a removed block, in the second
    # half of the body) is off topic if its cosine similarity with the article before it is below
    # this value ...
    off_topic_max_similarity: float = 0.08
    # ... and both sides hold at least this many terms (hashed non-stop words; a line of
    # Japanese counts as one or two), the tail in prose lines (short tails and lists of dates or
    # names carry too little evidence).
    off_topic_min_words: int = 30
    # Stretches of kept lines between removed clutter (sidebar teasers) are compared with the
    # main stretch (most words) and the headline; off topic below this similarity, if they hold
    # at least this many words.
    off_topic_segment_max_similarity: float = 0.05
    off_topic_segment_min_words: int = 6
    # ... unless they share at least this many distinct terms with the headline.
    on_topic_headline_terms: int = 2
    # A stretch of at least `headline_list_min_lines` lines, at most this share of its words in
    # prose, is a list of other headlines when most of its lines of `headline_list_min_terms`
    # terms or more are off topic one by one (the share of `teaser_min_off_topic_share`); its
    # lines at least this similar to the main stretch are the article's own and stay. Off for
    # extracted text, where such a stretch is the article's own list (a packing list).
    headline_lists_removed: bool = True
    headline_list_min_lines: int = 4
    headline_list_max_prose_share: float = 0.3
    headline_list_min_terms: int = 4
    headline_list_on_topic_similarity: float = 0.2
    # Lists of other stories: at least `teaser_min_pairs` headline + paragraph pairs in a row
    # (the paragraph at most `teaser_max_words` terms); a pair whose similarity with the
    # headline and the rest of the body is below `teaser_max_similarity` is removed.
    teaser_min_pairs: int = 3
    # A card may open with up to this many headline-like lines (kicker, title, "2 comments").
    teaser_max_heads: int = 4
    # ... and the longest of them holds, on average over the run, at least this many terms.
    teaser_min_title_terms: float = 5.0
    teaser_max_words: int = 40
    teaser_max_similarity: float = 0.08
    # ... when at least this share of the run's pairs is off topic (else the list is the
    # article's own: a roundup or a listicle).
    teaser_min_off_topic_share: float = 0.6


DEFAULT_SETTINGS = CleanSettings()
# For text an HTML extractor (`indexer.extract`) produced: navigation is gone already, so only
# positive evidence (patterns, blocks, template, topic) removes a line.
EXTRACTED_SETTINGS = CleanSettings(context_removes=False, headline_lists_removed=False)
