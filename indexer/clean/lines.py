"""What one line looks like on its own: shape features and clutter patterns.

Patterns run on the normalised head of the line (`CleanSettings.analysed_chars`), use only
bounded alternations (no nested quantifiers), so a pathological line costs linear time at most.
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import filterfalse
from operator import itemgetter
from typing import TypeVar

from indexer.clean.function_words import FUNCTION_WORDS
from indexer.clean.settings import CleanSettings
from indexer.text import normalize, word_table

try:
    from indexer import _lines as native
except ImportError:  # installed without a C compiler: the Python path, same features
    native = None

TERMINAL_PUNCTUATION = tuple(".!?:;\"')…”’»。！？」』")
LIST_ITEM = re.compile(r"(\d{1,3}[.)]|[-*•·▪–]|\(?[a-z][.)])\s")
LINK_SEPARATORS = frozenset("|•·»›▪►◦")
_SEPARATOR_TOKENS = LINK_SEPARATORS | {"/", "-"}  # a token that is one of these separates
_SEPARATOR_CHARS = "".join(sorted(_SEPARATOR_TOKENS))  # for the C kernel: each is one character
_WORD = re.compile(r"\w+")
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
# CJK ideographs, kana and Thai: scripts written without spaces (Korean spaces its words).
_UNSPACED_SCRIPT = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_STOP_TABLE = word_table(FUNCTION_WORDS)
_T = TypeVar("_T")


@dataclass(frozen=True)
class LineFeatures:
    """Shape of one line, computed on its analysed head; `low` is its normalised form."""

    low: str
    words: int
    stopword_ratio: float
    title_case_ratio: float
    terminal: bool
    separators: int
    list_item: bool  # starts with a bullet or an enumerator ("- ", "3) ", "b. ")
    tokens: int  # whitespace-separated tokens of the head (`words` also counts CJK characters)
    low_words: list[str]  # the \w+ tokens of `low`, numbers included

    @property
    def blank(self) -> bool:
        return self.words == 0


def word_tokens(text: str) -> list[str]:
    """`re.findall(r"\\w+", text)`; ASCII text maps its non-word bytes to spaces and splits
    instead (twice as fast as the regex on prose)."""
    if text.isascii():
        return text.translate(_ASCII_NON_WORD).split()
    return _WORD.findall(text)


def next_content(features: Sequence[LineFeatures], at: int) -> int | None:
    """Index of the first non-blank line after `at`, if any."""
    return next((j for j in range(at + 1, len(features)) if not features[j].blank), None)


def line_features(line: str, settings: CleanSettings) -> LineFeatures:
    head = line[: settings.analysed_chars]
    is_ascii = head.isascii()
    if native is not None:  # the C kernel normalises an ASCII head itself
        low = None if is_ascii else normalize(head)
        shape = native.shape(head, low, _SEPARATOR_CHARS, _STOP_TABLE, settings.function_word_max_chars)
    else:
        shape = _shape(head, settings)
    ideographs = 0 if is_ascii else len(_UNSPACED_SCRIPT.findall(head))
    low, tokens, low_words, counted, stop, short, alpha_initials, capitalised, separators = shape
    words = tokens
    if ideographs:
        # Chinese/Japanese/Thai write no spaces: count characters per word, and let length and
        # sentence punctuation alone decide (stop-word evidence does not apply).
        words += int(ideographs / settings.unspaced_chars_per_word)
        counted += ideographs
        stop = max(stop, int(ideographs * settings.good_min_stopword_ratio) + 1)
    elif not is_ascii and _HANGUL.search(head):
        # Korean spaces its words but joins its particles to them: its words count as they are,
        # and there are no function words to weigh.
        stop = max(stop, int(counted * settings.good_min_stopword_ratio) + 1)
    return LineFeatures(
        low=low,
        words=words,
        stopword_ratio=max(stop, short * settings.short_word_weight) / counted if counted else 0.0,
        title_case_ratio=capitalised / alpha_initials if alpha_initials else 0.0,
        terminal=low.endswith(TERMINAL_PUNCTUATION),
        separators=separators,
        list_item=bool(LIST_ITEM.match(head.lstrip())),
        tokens=tokens,
        low_words=low_words,
    )


def _shape(head: str, settings: CleanSettings) -> tuple[str, int, list[str], int, int, int, int, int, int]:
    """What the C kernel's `shape` counts, without it: the head's normalised form, its token
    count, the words of that form; of those not all digits, how many, how many stop words, how
    many short ones; how many tokens open with a letter, with a capital, and are separators."""
    low = normalize(head)
    tokens = head.split()
    low_words = word_tokens(low)
    words = list(filterfalse(str.isdigit, low_words))
    stop = sum(map(FUNCTION_WORDS.__contains__, words))
    # Function words of any alphabetic language are short: the fallback for non-English pages.
    # words of at most `function_word_max_chars` characters, counted with C-level passes
    short = len(words) - sum(map(settings.function_word_max_chars.__lt__, map(len, words)))
    alpha_initials = list(filter(str.isalpha, map(itemgetter(0), tokens)))
    return (
        low,
        len(tokens),
        low_words,
        len(words),
        stop,
        short,
        len(alpha_initials),
        sum(map(str.isupper, alpha_initials)),
        sum(map(_SEPARATOR_TOKENS.__contains__, tokens)),
    )


def is_body_like(f: LineFeatures, settings: CleanSettings) -> bool:
    """A line that reads like article prose: enough words, stop words, a sentence ending, and
    not every word capitalised (a headline in title case stays one however long it runs)."""
    long_enough = f.words >= settings.good_min_words
    ended = f.terminal or f.words >= settings.good_unpunctuated_min_words
    prose = f.title_case_ratio < settings.title_case_min_ratio
    return long_enough and ended and prose and f.stopword_ratio >= settings.good_min_stopword_ratio


def is_link_list(line: str, f: LineFeatures, settings: CleanSettings) -> bool:
    """Menu-like: separator-rich. A table row ("| a | b |", as extractors write tables) is not,
    and a list item's own marker ("- LogLevel - minimum log level") separates nothing. The
    kernel's count of separators turns nearly every line away before they are read one by one."""
    table_row = f.low.startswith("|") and f.low.endswith("|")
    return (
        not table_row
        and f.separators >= settings.link_list_min_separators
        and _separates_links(line[: settings.analysed_chars].split()[f.list_item :], f.words, settings)
    )


# "CPU: Intel Core i5", "Date: 12 May": a short label and its value.
_LABELLED = re.compile(r"[^\s:]+( [^\s:]+){0,2}: \S")


def _separates_links(tokens: list[str], words: int, settings: CleanSettings) -> bool:
    """Whether a separator-rich line's separators part links (a menu), counting none inside
    brackets ("a reusable bag (baggu | madetrade | amazon)": a sentence's own alternatives),
    and not the labelled figures of a fact row ("CPU: Intel Core i5 | RAM: 16GB | Weight: 3.7 lbs")."""
    if len(tokens) > 1 and tokens[0][:1] in "([" and tokens[-1][-1:] in ")]":
        tokens = [tokens[0][1:], *tokens[1:-1], tokens[-1][:-1]]  # "(Comments | Forum | Login)"
    parts: list[list[str]] = [[]]
    depth = 0
    for token in tokens:
        if depth == 0 and token in _SEPARATOR_TOKENS:
            parts.append([])
            continue
        parts[-1].append(token)
        depth = max(0, depth + token.count("(") + token.count("[") - token.count(")") - token.count("]"))
    separators = len(parts) - 1
    if (
        separators < settings.link_list_min_separators
        or separators < settings.link_list_min_separators_per_word * words
    ):
        return False
    fields = [" ".join(part) for part in parts if part]
    if not fields:
        return True  # a row of bare separators ("| | |", "- - - -"): menu furniture
    measured = [field for field in fields if _LABELLED.match(field) and any(map(str.isdigit, field))]
    # a post's metadata or a partners row is labelled too, but holds names, not figures:
    # "By: Ann Lee - Category: Health - Tags: x", "Jobs: Careerbuilder.com | Cars: Cars.com"
    return len(measured) < len(fields) - 1


def any_substring_pattern(strings: Iterable[str]) -> re.Pattern[str]:
    """A regex that finds any of `strings`, as a trie ("co(?:okie |pyright)"): the regex engine
    then tests each position against a few first characters instead of every string."""
    trie: dict = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}  # a string ends here: its extensions need not be searched
    if not trie:
        return re.compile(r"(?!)")  # no strings: never matches

    def alternation(node: dict) -> str:
        if "" in node:
            return ""
        branches = [re.escape(ch) + alternation(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(alternation(trie))


class SubstringGate:
    """Whether a text holds any of `strings`: the C kernel's scan (a bitmap probe per position, ~20x
    faster than the regex on a typical line), else `any_substring_pattern`'s regex."""

    def __init__(self, strings: Iterable[str]) -> None:
        strings = sorted(set(strings))
        self.pattern = any_substring_pattern(strings)
        needles = tuple(sorted(s.encode() for s in strings))  # grouped by their first byte
        self._native = native is not None and all(len(n) >= 2 for n in needles) and len(needles) < 2**16
        index = bytearray(8192 + 256 * 4)  # the bitmap of first byte pairs, then the buckets
        if self._native:
            for needle in needles:
                pair = needle[0] << 8 | needle[1]
                index[pair >> 3] |= 1 << (pair & 7)
            for first, count in Counter(needle[0] for needle in needles).items():
                start = next(k for k, needle in enumerate(needles) if needle[0] == first)
                struct.pack_into("<HH", index, 8192 + 4 * first, start, count)
        self._index, self._needles = bytes(index), needles

    def search(self, text: str) -> bool:
        if self._native:
            found = native.contains_any(text, self._index, self._needles)
            if found is not None:
                return found
        return self.pattern.search(text) is not None


def _walk_parse_tree(pattern: re.Pattern[str], walk: Callable[[list], _T]) -> _T | None:
    """`walk` applied to the parse tree of `pattern`; None when the pattern folds case (literal
    characters would not be what it matches) or this Python has no `re._parser` to read."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        from re import _parser

        return walk(_parser.parse(pattern.pattern, pattern.flags))
    except (ImportError, AttributeError, TypeError, ValueError):  # a Python without re._parser
        return None


def required_substrings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` contains at least one, read off its parse tree
    (literal runs, alternatives, repeats with a minimum of one), or None when the pattern
    guarantees none. A line holding none of them cannot match: `str.__contains__` rules it
    out for a small fraction of a regex search, which tries every branch at every position."""
    found = _walk_parse_tree(pattern, _sequence_substrings)
    if found is None:
        return None
    # A leading space is dropped: the rest is required as well, and a string that starts with a
    # space would send the combined gate into a branch at every space of every line.
    found = {s.lstrip(" ") or s for s in found}
    # A string holding a shorter one of the set adds nothing ("photo by" once "photo" is there).
    return tuple(sorted(s for s in found if not any(o != s and o in s for o in found)))


def _sequence_substrings(items: list) -> set[str] | None:
    """Best required set of a sequence: each literal run is required, and so is each required
    set of a group, alternation or repeat in it; the most selective one (longest shortest
    member) is kept."""
    from re import _constants as c

    candidates: list[set[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        inner = None
        if op is c.SUBPATTERN:
            inner = _sequence_substrings(arg[3]) if not arg[1] & re.IGNORECASE else None
        elif op is c.BRANCH:
            branches = [_sequence_substrings(branch) for branch in arg[1]]
            inner = None if any(b is None for b in branches) else set().union(*branches)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            inner = _sequence_substrings(arg[2])
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({"".join(run)})
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """The characters a match of `pattern` can start with, read off its parse tree, or None when
    the set is open (a class such as \\d, any character, case folding) or the match may be empty.
    A lookahead on them lets the combined "^..." scan reject most lines at their first character."""
    walked = _walk_parse_tree(pattern, _sequence_first_characters)
    if walked is None:
        return None
    chars, nullable = walked
    return None if chars is None or nullable else "".join(sorted(chars))


def _sequence_first_characters(items: list) -> tuple[set[str] | None, bool]:
    """First characters of a sequence (None: open) and whether it can match the empty string."""
    from re import _constants as c

    found: set[str] = set()
    for op, arg in items:
        if op is c.AT:
            if arg in (c.AT_END, c.AT_END_STRING):
                return None, False
            continue  # "^" and "\\b" are zero-width: the next item supplies the character
        if op is c.LITERAL:
            return found | {chr(arg)}, False
        if op is c.IN:
            chars = set()
            for kind, value in arg:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 128:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None, False
            return found | chars, False
        if op is c.SUBPATTERN and not arg[1] & re.IGNORECASE:
            inner, nullable = _sequence_first_characters(arg[3])
        elif op is c.BRANCH:
            branches = [_sequence_first_characters(branch) for branch in arg[1]]
            if any(chars is None for chars, _ in branches):
                return None, False
            inner = set().union(*(chars for chars, _ in branches))
            nullable = any(empty for _, empty in branches)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            inner, nullable = _sequence_first_characters(arg[2])
            nullable = nullable or arg[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        found |= inner
        if not nullable:
            return found, False
    return found, True


@dataclass(frozen=True)
class _PhraseRule:
    """A clutter phrase; `max_words_factor` scales `pattern_max_words`, `weak` rules never fire
    on a body-like line."""

    reason: str
    pattern: re.Pattern[str]
    score: float
    max_words_factor: float = 1.0
    weak: bool = False
    # A weak call to act ("subscribe", "share", "click here") also fires on prose-like lines of
    # at most `weak_pattern_max_body_words`; a weak topic word ("copyright") never does: short
    # article sentences use it.
    calls: bool = True
    # Wording that voids a match: the line is article text after all.
    unless: re.Pattern[str] | None = None
    # Wording a match also needs, anywhere in the line (two linear scans, where one pattern
    # joining them with ".*" would backtrack over every pair of positions).
    only_with: re.Pattern[str] | None = None
    # Strings a match needs one of; None for "^..." patterns (their search stops at position 0).
    gate: tuple[str, ...] | None = field(init=False, repr=False, compare=False)
    _gate_scan: SubstringGate | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        anchored = self.pattern.pattern.startswith("^")
        gate = None if anchored else required_substrings(self.pattern)
        object.__setattr__(self, "gate", gate)
        object.__setattr__(self, "_gate_scan", SubstringGate(gate) if gate else None)

    def search(self, low: str) -> bool:
        """A match of `pattern` that `unless` does not void and `only_with` allows; the pattern is
        not even tried when `low` lacks every string a match needs."""
        if self._gate_scan is not None and not self._gate_scan.search(low):
            return False
        return (
            self.pattern.search(low) is not None
            and (self.unless is None or self.unless.search(low) is None)
            and (self.only_with is None or self.only_with.search(low) is not None)
        )


_PHRASE_RULES: tuple[_PhraseRule, ...] = (
    _PhraseRule(
        "related",
        re.compile(
            r"^[\[(]?(read more|more|related|related stories|related articles|also read|see also|"
            r"read also|"
            r"recommended|must read|don'?t miss|read next|up next|next story|previous story|"
            r"more on this|more from [\w ]{1,30}|watch|listen|see more|related (posts?|content|reading|coverage|links?)|"
            r"you (may|might) also like|next (article|post|story)|previous (article|post|story)|"
            # the same link in other languages: "Leia também:", "À lire aussi :", "Читайте также:"
            r"leia (também|mais)|veja também|lesen sie auch|mehr zum thema|(à |a )?lire aussi|voir aussi|"
            r"le[ea] también|leggi anche|lees ook|czytaj (też|także)|читайте также|関連記事)"
            # the link's arrow: "»" and "›" read as quotes once normalised, so they need a space
            # after them ('More "sensible" policies' is a sentence)
            r"( ?[:>|-]| [\"'](?: |$))"
        ),
        0.9,
    ),
    # "Also on example.com <headline>", "On example.com: <headline>": a cross-link to another
    # story of the site ("On Amazon.com, prices fell" is a sentence).
    _PhraseRule(
        "related", re.compile(r"^(also on [\w-]+\.[a-z]{2,4}\b|on [\w-]+(\.[\w-]+)*\.[a-z]{2,4}:)"), 0.85
    ),
    _PhraseRule(
        "newsletter",
        re.compile(
            # A call to act, not the word "newsletter" (articles about newsletters exist).
            r"\b(sign up (for|to|now|today|here)|subscribe (to|now|for|today|here)|your inbox|"
            r"enter your e-?mail|e-?mail address|unsubscribe|(get|join|receive) (our|the) [\w'&. -]{0,30}newsletter|"
            r"want more stories like this)\b"
        ),
        0.85,
        weak=True,
    ),
    # A share prompt that asks the reader by name of the thing to share, or of the people to share
    # it with: it goes also when it reads like a sentence ("If you enjoyed this post, please share
    # it with your friends.").
    _PhraseRule(
        "share",
        re.compile(
            r"\b(share (it|this( article| story| post| page| video)?) with (your |a )?(friends?|family|others|someone)|"
            r"(share|sharing) this (article|story|post|page|video)|follow us|like us on facebook|"
            r"click to share|click to tweet|help (me|us) spread the word)\b"
        ),
        0.85,
        weak=True,
    ),
    # The page's tools for passing the story on: "E-mail this to a friend", "Send to a friend",
    # "Copy link", "Republish this article".
    _PhraseRule(
        "share",
        re.compile(
            r"^((e-?mail|send|forward) (this( article| story| page| post| link)?( to a (friend|colleague))?|"
            r"to a (friend|colleague))|copy (the )?link|link copied|copy to clipboard|"
            r"republish this (article|story|post))[.!]?$"
        ),
        0.85,
        max_words_factor=0.4,
    ),
    # The bare verb is a button's ("Share this", "Share on", "Share via Email"), but business
    # prose says it too ("closed at 29 cents a share on Friday", "earnings per share to rise",
    # "both sides share the view"): never on a line that reads like a sentence.
    _PhraseRule(
        "share",
        re.compile(
            r"\b(share (this|on|via|the|article|story|page|it with)|share to|share with|sharing options)\b"
        ),
        0.85,
        weak=True,
        calls=False,
    ),
    # Sending the reader to the site's social accounts or mailing list, in the site's voice
    # ("us", "me", "our"): no article says that about itself, so prose-like lines of up to
    # `pattern_max_words` go as well (an author's longer sign-off paragraph stays).
    _PhraseRule(
        "share",
        re.compile(
            r"\b(follow (us|me) on (facebook|instagram|twitter|x|tiktok|youtube|pinterest|linkedin|threads|bluesky)|"
            r"join (our|my|the) facebook group|(like|find) us on facebook|"
            r"chat with us (in|on) (facebook )?messenger)\b"
        ),
        0.85,
    ),
    # Pinterest's prompt on recipe and travel pages: "PIN FOR LATER", "Like it? Pin it!"
    _PhraseRule(
        "share",
        re.compile(
            r"^(like (it|this( post| recipe)?)\?? )?(pin (it|this|me)( for later| now)?|pin for later|"
            r"save (it|this) (for later|to pinterest|on pinterest))[.!]?$"
        ),
        0.85,
        max_words_factor=0.3,
    ),
    _PhraseRule(
        "newsletter",
        re.compile(
            r"\b(join (our|my) (mailing|e-?mail) list|like to receive (notifications|updates|alerts)|"
            # "Every day we send an email with the top stories", "We send newsletters with ..."
            r"(every (day|morning|week) )?we('ll)? send (you )?(an? )?(e-?mails?|newsletters?) (with|of|about)\b)"
        ),
        0.85,
    ),
    # A newsletter's pitch says when it arrives: "The news and stories that matter, delivered
    # weekday mornings."
    _PhraseRule(
        "newsletter",
        re.compile(
            r"\b(news|stories|headlines|newsletter|briefing)\b[^.!?]{0,60}\bdelivered (straight |directly )?"
            r"(to your inbox|daily|weekly|weekdays|weekday mornings|every (day|morning|evening|week|weekday)|"
            r"each (day|morning|evening|week))\b"
        ),
        0.85,
    ),
    # An e-mailed newsletter's own furniture, copied onto its web page: "If you were forwarded this
    # newsletter, subscribe here", "View this email in your browser". No article speaks so.
    _PhraseRule(
        "newsletter",
        re.compile(
            r"\b((were|was|been|got|get) forwarded this (e-?mail|newsletter|message|post|issue)|"
            r"this (e-?mail|newsletter) (was|is|has been) forwarded to you|"
            r"(view|read|open) this (e-?mail|newsletter|issue|post) in (your|a|the) (web )?browser|"
            r"(trouble|problems) viewing this (e-?mail|newsletter)|"
            r"opening this [\w ]{1,20} in your (e-?mail )?inbox)\b"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # The sign-up form's own messages, which a plain-text scrape keeps ("You have successfully
    # subscribed", "Please activate your subscription by clicking on the activation link"), and a
    # pitch that sends the paper to "your inbox".
    _PhraseRule(
        "newsletter",
        re.compile(
            r"\b(you('ve| have) (now )?(successfully|succesfully) (subscribed|signed up)|"
            r"you('re| are) now subscribed|"
            r"thanks? (you )?for (subscribing|signing up)|activate your subscription|"
            r"(click|tap)( on)? the (activation link|confirmation link)|check your inbox to confirm|"
            r"(sign up|subscribe)\b[^.!?]{0,120}\b(to|in|into) your inbox)"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # Asking the reader to follow the writer or recruit friends: "Join Medium for free to get
    # updates from this writer", "Tell your friends and get rewards".
    _PhraseRule(
        "newsletter",
        re.compile(
            r"\b(get (e-?mail )?updates from (this|the) (writer|author)|follow this (writer|author)|"
            r"tell your friends and (get|earn))\b"
        ),
        0.8,
        weak=True,
    ),
    # A newsletter asking for a verdict on itself: "How was this issue?"
    _PhraseRule(
        "newsletter",
        re.compile(
            r"^how (was|did you like|did you enjoy) (this|today'?s) (issue|newsletter|edition|e-?mail)\??$"
        ),
        0.8,
        max_words_factor=0.3,
    ),
    # A newsletter's name standing alone, as the title of a sign-up box: "Pick Six Newsletter".
    _PhraseRule("newsletter", re.compile(r"\bnewsletters?$"), 0.8, max_words_factor=0.2),
    # The sign-up form's consent box: "I agree that CBS Sports can send me the newsletter".
    _PhraseRule(
        "newsletter",
        re.compile(r"^i (agree|consent) (that|to) [\w'&. -]{0,40}\b(send|e-?mail|contact) me\b"),
        0.85,
    ),
    # The newsroom's contact line, in the site's voice: "Contact our newsdesk at news@…", "Write to
    # Al Root at allen.root@dowjones.com", "Got a story? Email us at tips@…". It opens the line and
    # ends in an address or number, so a sentence that gives a council's address stays.
    _PhraseRule(
        "contact",
        re.compile(
            r"^((got|have you got|do you have) a (story|news tip|tip)\?? |if you have a story[\w ,]{0,30}[.,]? )?"
            r"(contact|e-?mail|write to|call|text|whatsapp|message|reach|send (us )?your [\w ]{1,20} to) "
            r"((us|our [\w ]{1,25}|the (news ?desk|newsroom|editors?|editorial team|author|reporter|writer)s?)"
            r"( (at|on|via|by e-?mail|by phone))?:? ([\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()-]{6,})|"
            # a named person only with an e-mail address: "Call Crimestoppers on 0800 555 111" stays
            r"[\w.'’-]+( [\w.'’-]+){0,3} (at|via|on) [\w.+-]+@[\w-]+\.[\w.]+)\.?$"
        ),
        0.85,
    ),
    # The writer's address under the story: "Staff writer Jane Roe can be reached at jroe@… or
    # (504) 826-3393." An e-mail address is asked for: a phone number alone may be the news.
    # (Unanchored, so its gate is "can be reached": a "^" rule opening with any word would let
    # every line into the "^" rules.)
    _PhraseRule(
        "contact",
        re.compile(
            r"\bcan be reached (at|via|by e-?mail at):? [\w.+-]+@[\w-]+\.[\w.]+|"
            # the wire's sign-off: "Reach the reporters on Twitter at http://twitter.com/..."
            r"^(reach|follow|contact) the (reporter|writer|author)s? (on|at|via) (twitter|x|e-?mail)\b"
        ),
        0.85,
    ),
    # The wire's trailer sending the reader to its topic page: "Follow AP's full coverage of
    # Brexit at https://apnews.com/Brexit", "More on the trade war: https://...".
    _PhraseRule(
        "promo",
        re.compile(
            r"^(follow|see|read) [\w.]+'s (full |complete |latest )?coverage (of|on) .{1,80} (at|on|here)\b"
        ),
        0.8,
    ),
    # A widget's failure printed into the page: "An error has occurred, please try again later.",
    # "Oops! Something went wrong while submitting the form."; and a form's own notices, which
    # the page holds hidden until they are needed: "Thank you! Your submission has been
    # received!", "This field is for validation purposes and should be left unchanged."
    _PhraseRule(
        "navigation",
        re.compile(
            r"^(oops!? )?(an error (has )?occurred|something went wrong)"
            r"(( while [\w ]{1,40})?[.,!]? (please )?(try again|contact us|refresh)\b|"
            # alone on its line, it could be a story's own short paragraph: only the form's wording
            r" while (submitting|sending|loading|processing) [\w ]{1,30}[.!]?$)|"
            r"^this field is (for validation purposes|hidden when viewing the form)\b|"
            r"^thank you[.,!]? your submission has been received\b"
        ),
        0.8,
        max_words_factor=0.7,
    ),
    # Sending the reader to the rest of the site: "Read more stories like this on our homepage".
    _PhraseRule(
        "promo",
        re.compile(r"\b(more|other) (stories|articles|news|coverage|content) like this\b"),
        0.8,
        weak=True,
    ),
    # Appeals for the reader's money in the site's voice ("your monthly donations", "support our
    # journalism", "funded by readers like you", "You rely on us, and we rely on you"): a story
    # about a one-off donation, or someone who became a patron of a charity, stays.
    _PhraseRule(
        "promo",
        re.compile(
            r"\b(funded by (readers|our readers|members)|reader-funded|readers like you|"
            r"we rely on (you|your support|our readers|readers)\b|"
            r"your (one-off|one-time|monthly|regular) (donations?|gifts?|contributions?)|"
            r"support (our|independent|quality) (journalism|reporting|newsroom)|"
            # "Support Snopes so we continue to ...", "We do this work ... at no cost to you"
            r"support [\w.]+( [\w.]+){0,2} so (that )?we (can )?(continue|keep)|(this|our) work [\w ]{0,30}at no cost to you)\b"
        ),
        0.8,
        max_words_factor=2.0,
    ),
    _PhraseRule(
        "caption",
        re.compile(
            r"(\(ap photo|\bap photo/|getty images|\breuters/|\bafp/|\bafp via\b|\bphoto(graph)?s?: |"
            r"^image:|^caption:|^picture:|\bphoto by\b|\bphoto credit|\bimage (credit|copyright|caption)|"
            r"\b(photos?|images?|pictures?) courtesy( of)?\b|"
            r"\(photo: |\(photo credit|\bfile photo\b|\benlarge this image|\bclick to enlarge|"
            r"\bhide caption|\btoggle caption|\bview gallery|\(image: |\bcredit\.\.\. |\bsubmitted photo\b|\[file: |"
            # a caption signed off with its credit: "... during the cruise phase. Credit: ESA",
            # "... near the Port of Entry in Nogales, Ariz. (AP)"
            r"[\w.)] (image |photo )?credits?: [\w.&/ -]{1,40}$|"
            # "... on July 25, 2019. J. Scott Applewhite / AP file"
            r"\w / (ap|afp|reuters|epa|getty images|bloomberg|shutterstock)( file| via getty images)?$|"
            r"(\(ap\)|\(afp\)|\(reuters\)|\(epa\)|\(pa\)|\(ap photo\)|\(pa wire\)|\(getty images?\)|\(shutterstock\))$)"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # A photo's credit alone on its line, the photographer or owner then the agency:
    # "Patrick Semansky, ASSOCIATED PRESS", "New York State Sex Offender Registry via AP".
    _PhraseRule(
        "caption",
        # (\A, not ^: the rule is then gated on its endings, where "^" would put a scan of up to
        # 50 characters into the combined "^..." pass over every line)
        re.compile(
            r"\A[\w .'’-]{2,50}(, ap|, associated press|, the associated press|, reuters|, afp|, epa|"
            r", getty images| via ap| via reuters| via afp| via getty images)$"
        ),
        0.8,
        max_words_factor=0.4,
    ),
    # A news photo's caption in the agencies' form: who does what, in the present tense, then the
    # full date and the place, "..., Tuesday, Nov. 19, 2019, in Columbia, S.C." Article text
    # names the day alone ("on Tuesday"); a notice of an event says "at" a place; a report of
    # what happened that day is told in the past ("was arrested", "police said") and stays.
    _PhraseRule(
        "caption",
        re.compile(
            r"\b(mon|tues|wednes|thurs|fri|satur|sun)day, (jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)"
            r"[a-z]*\.? \d{1,2}, (19|20)\d\d, in [a-z]"
        ),
        0.8,
        max_words_factor=2.0,
        unless=re.compile(r"\b(was|were|had|did|said|told|according to)\b"),
    ),
    # A photographer's credit on its own line: "(Reed Saxon / Associated Press)".
    _PhraseRule(
        "caption", re.compile(r"^\([\w .'’-]{2,40} ?/ ?[\w .&'’-]{2,40}\)$"), 0.85, max_words_factor=0.4
    ),
    _PhraseRule(
        "byline",
        re.compile(
            r"^((additional )?reporting by|writing by|editing by|edited by|compiled by|written by|"
            r"posted by|published by|story by|words by)\b"
        ),
        0.85,
    ),
    # The wire's credit line at the end: "Associated Press writer Jane Doe contributed to this report.",
    # "Keith Bradsher contributed reporting from Hong Kong."
    _PhraseRule(
        "byline",
        re.compile(r"\bcontributed (reporting\b|(reporting )?(to )?(this|the) (report|story|article)\b)"),
        0.8,
    ),
    # The author's note under the article: "Jane Doe is a staff writer at WIRED covering ...",
    # "... is a freelance writer based in Toronto." The role must be followed by where or what
    # for: "Mr Forsyth is a wonderful writer and should ..." is the article talking. (\A, not
    # ^, so the rule is gated on its role words.)
    _PhraseRule(
        "byline",
        re.compile(
            r"\A[\w.'’-]+( [\w.'’-]+){1,2} is an? ([\w-]+ ){0,3}"
            r"(writer|journalist|reporter|editor|contributor|columnist|correspondent|blogger)"
            r"( (for|at|with|based in|living in|covering|who covers)\b|\.?$)"
        ),
        0.7,
        max_words_factor=2.0,
    ),
    # The writer's note on one line: "About the author: Jane Doe is a photographer based in ...".
    _PhraseRule("byline", re.compile(r"^about the (author|writer)s?: \w"), 0.8, max_words_factor=2.0),
    # The link to the writer's other work, and where the story was printed first: "View all posts
    # by Jane Doe", "A version of this article appears in print on Jan. 5, 2024, Section A, Page
    # 1", "This article was originally published on 26 Sep 2019" (a story that "appeared on the
    # front page" is the article talking).
    _PhraseRule(
        "byline",
        re.compile(
            r"^(read|view|see|browse) (all|more) (posts|articles|stories|columns) (by|from) \w|"
            r"^a version of this (article|story|essay|column) (appeared|appears|was published)\b|"
            r"^this (article|story|essay|column) (was )?((originally|first) (published|appeared|appears) (on|in) \w|"
            r"(published|appeared|appears) (in print|with the (title|headline)))"
        ),
        0.8,
        max_words_factor=2.0,
    ),
    _PhraseRule(
        "copyright",
        re.compile(
            r"(©|\(c\) ?(19|20)\d\d|\ball rights reserved|may not be (published|broadcast|rewritten|"
            r"redistributed|reproduced|copied)|\bno part (of (this|the) [\w ]{1,30})?may be (reproduced|copied|"
            r"republished)|^citation: .{1,300}\bretrieved\b)"
        ),
        0.9,
        max_words_factor=2.0,
    ),
    # The words of a footer's links. A report of a dispute over them stays, also when its names
    # keep it from reading like prose ("... violated the copyright of Acme's program, Digital said").
    _PhraseRule(
        "copyright",
        re.compile(
            r"\b(copyright|terms (of|and) (use|service|conditions)|privacy (policy|notice|statement)|"
            r"cookie (policy|settings|preferences))\b"
        ),
        0.75,
        weak=True,
        calls=False,
        unless=re.compile(r"\b(said|says|according to|ruled|alleged|charged|violated|sued|lawsuit)\b"),
    ),
    # A market-data provider's notice under quotes: "NYSE and AMEX quotes delayed by at least 20
    # minutes", "Data is delayed at least 15 minutes". A report says the data *was* delayed.
    _PhraseRule(
        "copyright",
        re.compile(
            r"\b(quotes?|data|prices?)( are| is)? delayed (by )?(at least |a minimum of )?\d+ (minutes|mins)\b"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # Cookie consent banners read like prose, but no article speaks of "our use of cookies"; the
    # consent plugins' banners come translated (Italian, Spanish, Portuguese, French, German,
    # Dutch).
    _PhraseRule(
        "copyright",
        re.compile(
            r"\b(we use cookies|(this|our) (site|website) uses cookies|(consent|agree|agreeing) to (our|the) use of cookies|"
            r"accept all cookies|utilizziamo (i )?cookie|questo sito (web )?(utilizza|usa) (i )?cookie|"
            r"(utilizamos|usamos) cookies|este (sitio|site) (web )?(utiliza|usa) cookies|"
            r"nous utilisons (des )?cookies|ce site utilise des cookies|wir verwenden cookies|"
            r"diese (website|webseite) verwendet cookies|(wij|we) gebruiken cookies|deze (website|site) gebruikt cookies)\b"
        ),
        0.85,
        max_words_factor=4.0,
    ),
    # A form's consent line, the reader agreeing in the second person to what a click does: "By
    # submitting this form, you agree to our Privacy Policy", "By signing up, I agree to the
    # Terms". A report of such terms tells who said so. (No "by using": its five letters would
    # make the gate "agree" and the like, which article lines hold far more often than "by
    # clicking".)
    _PhraseRule(
        "copyright",
        re.compile(
            r"\b(by submitting|by clicking|by signing up|by subscribing|by registering|by continuing|"
            r"by entering|by providing|by completing)\b.{0,80}?"
            r"\b(you|i) (agree|accept|consent|acknowledge|authori[sz]e|are agreeing|understand|confirm)\b"
        ),
        0.85,
        max_words_factor=2.0,
        unless=re.compile(r"\b(said|says|according to|ruled|alleged|found)\b"),
    ),
    # The same form's other notices: "This site is protected by reCAPTCHA and the Google Privacy
    # Policy and Terms of Service apply", "Your data will be processed in accordance with our
    # Privacy Policy".
    _PhraseRule(
        "copyright",
        re.compile(
            r"\bthis (site|page|form) is protected by recaptcha\b|"
            r"\b(your|the) (data|information|personal data|personal information|details) will be "
            r"(processed|used|handled|stored) (in accordance with|according to|as described in|in line with)\b"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # The site's notices about itself: a privacy-policy update, an unsupported browser.
    _PhraseRule(
        "copyright",
        re.compile(
            r"\b((we have|we've) updated our (privacy|cookie) (policy|notice|statement)|your privacy is important to us)\b"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # What a page shows without scripts, as a notice of its own: "This slideshow requires
    # JavaScript." An article sentence about scripts goes on past it.
    _PhraseRule(
        "navigation",
        re.compile(
            r"\b(this|the) (slideshow|gallery|video|content|page|site|website|feature|form) "
            r"requires javascript( to [\w ]{1,30})?[.!]?$|\bplease (enable|turn on) javascripts?\b|"
            r"^javascript (is )?(disabled|required)\b|^(note: )?enable javascript\b|"
            r"^(note: )?you (must|need to) (have javascript enabled|enable javascript)\b"
        ),
        0.8,
        max_words_factor=0.7,
    ),
    _PhraseRule(
        "navigation",
        re.compile(
            r"\b((update|upgrade) (to )?(a (modern|newer|supported|different) browser|your browser)|"
            r"(detected|noticed) (that )?you('re| are) (using|on) (internet explorer|an? (outdated|older|unsupported) browser))\b"
        ),
        0.8,
        max_words_factor=2.0,
    ),
    # Promo as two rules of equal standing: the whole-line words apart, so that the phrases
    # get a selective substring gate ("ad" alone would let nearly every line through).
    _PhraseRule(
        "promo",
        re.compile(
            r"^(advertisement|advertisements|advertisment|advertising|adverts?|sponsored|sponsored content|ads?|promoted|paid post|"
            r"partner content|(article|story) continues( below)?( (the )?(advertisement|ad))?|ads by google|"
            r"anzeige|werbung|publicidad|publicidade|publicité|pubblicità|advertentie|reklama|реклама|reklam|"
            r"広告|广告|廣告|광고)$|^(advertisement|sponsored|anzeige) ?[:|-] "
        ),
        0.8,
        weak=True,
    ),
    _PhraseRule(
        "promo",
        re.compile(
            r"(\(sponsored\)$|\bclick(ing)? here\b|\bto read the full (story|article)\b|\bexclusive to [\w+ ]{1,20} subscribers\b|"
            r"\bdownload (our|the) app\b|\bget the app\b|^get the [\w ]{1,30} (extension|app)$|\balready a subscriber\b|"
            r"\blog ?in to (continue|read)\b|\bcontinue reading\b|\bstart your free trial\b)"
        ),
        0.8,
        weak=True,
    ),
    # A pitch for the site's subscription that runs to a sentence or two: "The best in culture
    # from a cultural icon. Subscribe now for more ...", "... his weekly show. Click to subscribe!"
    _PhraseRule(
        "promo",
        re.compile(r"\b(click (here )?to subscribe|subscribe now (for|to))\b"),
        0.8,
        max_words_factor=2.0,
    ),
    # Affiliate disclosures: the site's earnings from links, in a site's voice ("we", "may").
    # Affiliate links or commissions alone are a topic (an article on how streamers earn money):
    # the line must speak for the site or of itself ("this post contains affiliate links").
    _PhraseRule(
        "promo",
        re.compile(r"\baffiliate( (and|or|and/or) [\w-]+)? (links?|commissions?)\b"),
        0.8,
        max_words_factor=2.0,
        only_with=re.compile(
            r"\b(we|us|our|i|my|me|this (post|article|page|site|website|blog|story|review|guide|video|newsletter))\b"
        ),
    ),
    _PhraseRule(
        "promo",
        re.compile(
            r"\b(affiliate disclosure|as an amazon associate|"
            r"(may|might|we|i|us) (earn|receive|get|make) (us |a |an )?(small )?(commission|share of (the )?sales?)|"
            r"(we|i) (may|might) be compensated|(may|might) receive (financial )?compensation|"
            r"supported by (affiliate )?commissions|purchases made through (our )?links|advertiser disclosure)\b"
        ),
        0.8,
        max_words_factor=2.0,
    ),
    # A paywall's notice in place of the rest of the story: "To read this article in full you must
    # be registered", "Please create an account or login to read this story", "The full article
    # contains 283 words and appears in …", a bare "To Read the Full Story" button.
    _PhraseRule(
        "promo",
        re.compile(
            r"^(please )?((create an account|log ?in|sign in|register|subscribe)"
            r"( or (log ?in|sign in|register|subscribe))? to (read|continue reading|view|access) "
            r"(this|the (full|whole|rest of the)) (article|story)|"
            r"to (read|view|continue reading) (this|the) (full |whole )?(article|story)( in full)?"
            r"(,? you (must|need|have)|$)|"
            r"the full (article|story) contains \d+ words|log ?in to access premium content)"
        ),
        0.85,
        max_words_factor=2.0,
    ),
    # A line that is nothing but a button: a call to act, with no article content around it. A
    # sales button names what it books, with up to three words between ("Book Your Free
    # Consultation", "Start Your 14-Day Free Trial", "Get a Quote (212) 555-0100"), and a line may
    # hold two ("Start Free Trial Request Demo").
    _PhraseRule(
        "promo",
        re.compile(
            r"^((sign|log) ?(up|in)( now| today| here| for free)?|"
            r"register( now| today| here)?|get started( today| now| for free)?|get in touch( with [\w ]{1,20})?|"
            r"apply now|learn more|shop now|buy now|"
            r"donate( now| today)?|make a (donation|contribution)|become a (member|supporter|patron)|"
            r"try (it )?(for )?free|join (now|today|us)|"
            r"subscribe( now| today| here)?|already have an account\?? ?(log|sign) ?in|"
            # a shop's button under a product of the article: "Check Price at Amazon"
            r"(check|see|view|compare) (the )?(latest )?(price|prices|deals?) (at|on) [\w.]{1,20}|"
            r"(((request|get|book|schedule|start|claim)( (a|an|your|my))?( [\w%-]+){0,3} "
            r"(demo|quote|consultation|trial|call|estimate)( (now|today|here))?|try( [\w-]+){1,2} (for )?free) ?){1,2}"
            r"( \(?\+?\d[\d() .-]{6,})?)[.!:]?$"
        ),
        0.8,
        max_words_factor=0.3,  # a button has a few words: longer lines skip the search
    ),
    _PhraseRule(
        "navigation",
        re.compile(
            r"^(skip to [\w ]{1,25}?( skip to [\w ]{1,25})?|back to [\w ]{1,25}|jump to [\w ]{1,25}|table of contents|"
            r"read later|save for later|(save|bookmark) (this )?(story|article|post|recipe)|"
            r"see full gallery|next prev|prev next|full bio|close( this)? window|contact us|about us|"
            r"view larger( image| photo| picture| version)?|"
            r"(view|see|show|load|browse) (all|more)( [\w ]{1,20})?( \(\d+\))?|"
            r"((image|photo|picture|slide) )?\d+ (of|/|of /) \d+|"
            r"next (article|post|story|page)|previous (article|post|story|page)|"
            r"(view|read|show) (this |the )?(article|story|post) (on|as) (a |one )?single page)[.!:]?$|"
            # the same with the section's name and the arrows: "- Next Auto News", "Previous Auto News -"
            # ("«", "»" are read as quotes once normalised, "–" as "-")
            r"^[-\"'<]? ?(next|previous|prev|older|newer) ([\w']+ ){0,2}(news|articles?|posts?|stor(y|ies)|entry)"
            r" ?[-\"'>]?$"
        ),
        0.75,
        max_words_factor=0.25,
    ),
    # The banner over every United States government site (the U.S. Web Design System's): "An
    # official website of the United States government Here's how you know", "Official websites
    # use .gov", "A lock ( ) or https:// means you've safely connected to the .gov website."
    _PhraseRule(
        "navigation",
        re.compile(
            r"^(an official website of the (united states|u\.s\.) government\.?( here's how you know)?|"
            r"here's how you know|official websites use \.gov|secure \.gov websites use https|"
            r"a \.gov website belongs to an official government organi[sz]ation in the united states)[.!:]?$"
        ),
        0.85,
        max_words_factor=0.5,
    ),
    _PhraseRule("navigation", re.compile(r"\bmeans you've safely connected to the \.gov website\b"), 0.85),
    # Google's "preferred sources" button: "Add Newsweek as a preferred source on Google" (an
    # article on the feature says who can add what, so the line must open with the call).
    _PhraseRule(
        "promo",
        re.compile(
            r"^(click (here|the button) to )?(add|make|set)( [\w'.]+){0,3} (as )?a preferred source on google\b"
        ),
        0.8,
        max_words_factor=0.7,
    ),
    # The BBC's media and share widgets, printed on every story page.
    _PhraseRule(
        "share",
        re.compile(r"^(close share panel|these are external links and will open in a new window)$"),
        0.85,
    ),
    _PhraseRule(
        "caption",
        re.compile(r"^(media playback is unsupported on your device|media caption .{1,200})$"),
        0.85,
        max_words_factor=2.0,
    ),
    # Reading time, also in the languages of the commonest blog themes' translations.
    _PhraseRule(
        "timestamp",
        re.compile(
            r"^-? ?\d+ min(ute)?s? read$|^(estimated )?(reading time|tempo de leitura|tiempo de lectura|"
            r"temps de lecture|lesezeit|tempo di lettura|leestijd) ?:? ?(\d|<|less|menos|moins|meno|weniger)"
        ),
        0.8,
        max_words_factor=0.25,
    ),
    _PhraseRule(
        "comments",
        re.compile(
            r"(\b(add|post|leave|write) (a|your) (comment|reply)|\bcomments are (now )?(closed|moderated)\b|"
            r"\blog ?in to (comment|reply)\b|\breport abuse\b|\b(show|view|hide|load) (more |all )?comments\b|"
            r"\bjoin the (conversation|discussion)\b|\bbe the first to comment\b|^(new, )?\d+ (comments?|replies)$|"
            r"\bhave your say\b)"
        ),
        0.8,
        weak=True,
    ),
    # The comment form of WordPress, in English and its commonest translations: "Leave a Reply
    # Cancel reply", "You must be logged in to post a comment."
    _PhraseRule(
        "comments",
        re.compile(
            r"\b(cancel reply|annulla risposta|cancelar (la )?respuesta|annuler la réponse|antworten abbrechen|"
            r"cancelar resposta|reactie annuleren|anuluj pisanie odpowiedzi|отменить ответ|yanıtı iptal et|"
            r"you must be logged in to post a comment|"
            r"devi essere connesso per inviare un commento|debes (haber iniciado sesión|estar registrado) para "
            r"publicar un comentario|vous devez être connecté pour publier un commentaire|"
            r"du musst angemeldet sein, um einen kommentar abzugeben|você precisa fazer o login para publicar)\b"
        ),
        0.85,
    ),
    # Asking the reader to rate the page: "Please take a moment to leave a star rating".
    _PhraseRule(
        "comments",
        re.compile(
            r"\b(please (take a (moment|second|minute) to )?(leave|give) (it |this (recipe|post|article) )?"
            r"a (\d[- ]star |star |quick )?rating|rate this (recipe|article|post|story))\b"
        ),
        0.8,
        max_words_factor=2.0,
    ),
    # A vendor's blog post ending in its sales pitch, as an imperative: "… ? Request a demo today".
    # Verb and article are spelt out together so that the substring gate needs "book a", not
    # "demo" (which "democracy" holds).
    _PhraseRule(
        "promo",
        re.compile(
            r"(^|[.?!] )(request a|request your|book a|book your|schedule a|schedule your) "
            r"(free |live |personali[sz]ed )?demo\b"
        ),
        0.8,
        max_words_factor=2.0,
    ),
    # The page's own editing and correction buttons.
    _PhraseRule(
        "navigation",
        re.compile(
            r"^(improve this (blog )?(post|article|page)|edit this (page|post|article)|suggest an edit|"
            r"report an? (error|typo|issue|correction)|submit a correction)[.!]?$"
        ),
        0.75,
        max_words_factor=0.25,
    ),
    _PhraseRule(
        "navigation",
        re.compile(
            r"^(tags?|topics?|filed under|categories|category|keywords|more about|sections?|"
            r"you are (here|at)|schlagwörter|schlagworte|stichwörter|etiquetas|étiquettes|mots-clés|"
            r"palavras-chave|parole chiave|trefwoorden|tagi|теги|метки|タグ|标签|標籤|태그) ?:"
        ),
        0.8,
    ),
    # A blog's excerpt of another post ends in its "[…]" marker: an article quoting with a cut
    # marks it inside the quote.
    _PhraseRule("related", re.compile(r"(\[…\]|\[\.\.\.\])$"), 0.75, max_words_factor=2.0),
    # A readers' poll widget prints each answer with its result, "Yes (29%, 1,186 Votes)", and
    # its count, "Total Voters: 4,145".
    _PhraseRule(
        "poll",
        re.compile(r"\(\d{1,3}([.,]\d+)?%, [\d,. ]+ votes?\)$|^total voters: [\d,. ]+$"),
        0.85,
    ),
)
# Every string any gated rule needs: a line holding none of them skips all gated rules at once.
_ANY_GATE = SubstringGate(s for rule in _PHRASE_RULES for s in rule.gate or ())
_MAX_WORDS_FACTOR = max(rule.max_words_factor for rule in _PHRASE_RULES)


def _anchored_alternative(pattern: re.Pattern[str]) -> str:
    """One "^..." rule in the combined scan, behind a lookahead on its first characters."""
    first = first_characters(pattern)
    guard = f"(?=[{re.escape(first)}])" if first else ""
    return f"{guard}(?:{pattern.pattern})"


# Every "^..." rule at once: a line none of them matches (nearly all) costs one match, not one
# per rule, and most lines fail it at their first character.
_ANY_ANCHORED = re.compile(
    "|".join(_anchored_alternative(rule.pattern) for rule in _PHRASE_RULES if rule.gate is None)
)

# "Share" on the buttons of sites in other languages (German, Portuguese, Spanish, French,
# Italian, Dutch, Polish, Russian, Turkish, Japanese, Chinese, Korean).
_SHARE_TRANSLATED = (
    "teilen",
    "compartilhe",
    "compartilhar",
    "compartir",
    "comparte",
    "partager",
    "partagez",
    "condividi",
    "delen",
    "udostępnij",
    "поделиться",
    "paylaş",
    "シェア",
    "分享",
    "공유",
)
_SHARE_WORDS = frozenset(
    [
        *_SHARE_TRANSLATED,
        "share",
        "shares",
        "shared",
        "sharing",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "email",
        "e-mail",
        "mail",
        "print",
        "copy",
        "link",
        "messenger",
        "telegram",
        "flipboard",
        "sms",
        "tumblr",
        "digg",
        "stumbleupon",
        "delicious",
        "bookmark",
        "google",
        "+",
        "this",
        "article",
        "story",
        "via",
        "on",
        "it",
        "pin",
        "pint",  # Pinterest, where the row is short of room
        "save",
        # an image site's button beside the share buttons, in the languages above
        "download",
        "herunterladen",
        "baixar",
        "descargar",
        "télécharger",
        "scarica",
        "follow",
        "us",
        "instagram",
        "youtube",
        "rss",
        "feed",
        "comment",
        "comments",
        "and",
        "the",
        "to",
        "a",
        "friend",
        "send",
        "printable",
        "version",
        "printer",
        "friendly",
        # a print edition's tools beside them: "| Reprints | Single Page |"
        "reprints",
        "single",
        "page",
    ]
)
_SHARE_STRONG = frozenset(
    [
        "share",
        "tweet",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "email",
        "print",
        "bookmark",
        "digg",
        "instagram",
        "stumbleupon",
        "flipboard",
        "printable",
        "printer",
        "reprints",
        *_SHARE_TRANSLATED,
    ]
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
)
# "2 hours ago" is a time stamp, "Day 1 - Exercise" is not: units only fill, they never anchor.
# A month or weekday among other words names a date only with a number or a publishing verb
# beside it: "Monday. Rest day" is a training plan.
_DATE_NAMES = frozenset([*_MONTHS, *_WEEKDAYS.split()])
_DATE_ANCHORS = frozenset([*_DATE_NAMES, "ago", "yesterday", "today"])
_DATE_VERBS = frozenset(["updated", "posted", "published", "modified"])
_LIST_MARKERS = frozenset("-•*")
# A date told in a clause ("Payment date is April 15.") is a sentence, not a stamp.
_CLAUSE_VERBS = frozenset(["is", "was", "are", "were", "will", "be", "been"])
# "01/31", "2016.12.01", "2019-11-20"; a score out of 5, 10 or 100 is no date.
_NUMERIC_DATE = re.compile(r"\d{1,4}(/\d{1,4}|([.-])\d{1,2}\2\d{1,4})")
_RATING = re.compile(r"\d+(\.\d+)?/(5|10|100)$")
_DATE_FILLER = frozenset(
    [
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "gmt",
        "utc",
        "bst",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "ist",
        "aedt",
        "aest",
        "et",
        "pt",
        "hours",
        "hour",
        "hrs",
        "hr",
        "minutes",
        "minute",
        "mins",
        "min",
        "seconds",
        "secs",
        "days",
        "day",
        "weeks",
        "week",
        "updated",
        "posted",
        "published",
        "last",
        "modified",
        "on",
        "at",
        "date",
        "time",
        "|",
        "-",
        ",",
        ":",
        "/",
        "by",
    ]
)


def _class_tokens(low: str) -> list[str]:
    """Tokens of a line for the token-class tests, stripped of list punctuation."""
    return [t for t in (t.strip(",.:;()[]|") for t in low.split()) if t]


def _is_share_line(tokens: list[str], settings: CleanSettings) -> bool:
    if not tokens:
        return False
    ratio = sum(map(_SHARE_WORDS.__contains__, tokens)) / len(tokens)
    return ratio >= settings.token_class_min_ratio and not _SHARE_STRONG.isdisjoint(tokens)


# A span of days or hours: "2-5", "16-19", "28-july", "2:50-3:50hrs" (dashes are folded to "-").
# "2019-11-20", "05-06-2005" and "05-mar-2024" name one day (a year, or a second dash), "1-1/4" no day.
_SPAN_TOKEN = re.compile(r"\d{1,2}(:\d\d)?-(\d{1,2}(:\d\d)?(?![\d/-])|[a-z]{3,9}$)")
_SPAN_WORDS = frozenset(["-", "to", "until", "till", "through", "thru"])
_DAY_NUMBER = re.compile(r"\d{1,2}(st|nd|rd|th)?$")
_YEAR = re.compile(r"\d{4}$")
_CLOCK = re.compile(r"\d{1,2}[:.]\d\d$")


def _names_a_span(tokens: list[str]) -> bool:
    """A period, not a moment: "March to May", "June 19 - 20", "October 2, 2025 - February 15,
    2026", "23 May - 28 September", "9:00 - 17:00", "2-5 March". An event's dates or a season
    are article text; a page or an item is stamped with one moment ("Dec 19, 2025 - 10:32 am",
    "by admin - 2018-09-16", "Vol. 2 - March 2006")."""
    for i, t in enumerate(tokens):
        if _SPAN_TOKEN.match(t):
            return True
        if t in _SPAN_WORDS and 0 < i < len(tokens) - 1:
            before, after = tokens[i - 1], tokens[i + 1]
            then = tokens[i + 2] if i + 2 < len(tokens) else ""
            starts_a_date = after in _DATE_NAMES or (_DAY_NUMBER.match(after) and then in _DATE_NAMES)
            ends_a_date = (
                before in _DATE_NAMES
                or _YEAR.match(before)
                or (_DAY_NUMBER.match(before) and i > 1 and tokens[i - 2] in _DATE_NAMES)
            )
            if starts_a_date and ends_a_date:
                return True
            for kind in (_DAY_NUMBER, _CLOCK):
                if kind.match(before) and kind.match(after):
                    return True
    return False


def _is_timestamp_line(tokens: list[str], settings: CleanSettings) -> bool:
    """Mostly date words, anchored by a relative day ("ago"), a clock time, a date in digits, or
    a month or weekday alone or with a number or publishing verb; never a span of dates unless
    a publishing verb stamps it."""
    if tokens and tokens[0] in _LIST_MARKERS:
        tokens = tokens[1:]  # a list item's marker is no date filler
    dated = [t for t in tokens if t in _DATE_ANCHORS or t in _DATE_FILLER or t[:1].isdigit()]
    if not dated or len(dated) < settings.token_class_min_ratio * len(tokens):
        return False  # nearly every line: its anchors are never looked at
    if _DATE_VERBS.isdisjoint(tokens) and _names_a_span(tokens):
        return False
    named = numbered = False
    for t in dated:
        if t in _DATE_ANCHORS:
            if t not in _DATE_NAMES:
                return True  # "ago", "yesterday", "today"
            named = True
        elif t[:1].isdigit():
            if ":" in t or (_NUMERIC_DATE.match(t) is not None and _RATING.match(t) is None):
                return True
            numbered = True
        elif t in _DATE_VERBS:
            numbered = True
    return named and (numbered or len(dated) == len(tokens)) and _CLAUSE_VERBS.isdisjoint(tokens)


# "Tom Krisher, AP Auto Writer", "Andrew Derringer, Editor": a name, a comma, the role.
_ROLES = ("writer", "correspondent", "reporter", "editor", "columnist")
_NAMED_ROLE = re.compile(rf"^[\w.'’-]+( [\w.'’-]+){{1,3}}, ([\w&.' ]{{0,30}} )?({'|'.join(_ROLES)})$")
# "Catherine Shu @catherineshu / 2 days": two to four names, the handle, a time stamp at most.
_NAMED_HANDLE = re.compile(r"^[\w.'’-]+( [\w.'’-]+){1,3} @\w{2,30}( ?[/|·•-] [\w ,:.]{1,30})?$")


def _is_byline(line: str, f: LineFeatures) -> bool:
    """'By Jane Doe', 'By Jane Doe, Staff Writer', 'Jane Doe, Staff Writer', 'Jane Doe @janedoe':
    short, capitalised names, after 'by', before a comma and the writer's role, or before the
    writer's handle (and when it was posted)."""
    if f.words > 8 or f.low.endswith(("?", "!")):
        return False
    if f.low.startswith("by "):
        names = [t for t in line.split()[1:] if t[:1].isalpha()]
    elif f.low.endswith(_ROLES) and _NAMED_ROLE.match(f.low):
        names = [t for t in line.split(",")[0].split() if t[:1].isalpha()]
    elif "@" in f.low and _NAMED_HANDLE.match(f.low):
        return all(t[0].isupper() for t in line.split("@")[0].split())  # "Ann Lee tweeted @x" stays
    else:
        return False
    return bool(names) and sum(1 for t in names if t[0].isupper()) / len(names) >= 0.5


# A site's name as its bare domain, alone on a line: "Snopes.com", "EXPRESS.CO.UK", "davidbau.com"
# (common top-level domains only: "config.yaml" or "main.py" alone may head a section of a post).
_BARE_DOMAIN = re.compile(
    r"^[\w-]+(\.[\w-]+)*\.(com|org|net|edu|gov|info|io|co|uk|de|fr|it|es|nl|ru|jp|br|au|ca|in|news|tv|us)$"
)


def is_bare_link(f: LineFeatures) -> bool:
    """A line that is only an address ("http://amzn.to/2iJFhRj", "www.site.com", "site.org")."""
    return (
        f.words <= 2
        and "." in f.low
        and (f.low.startswith(("http://", "https://", "www.")) or bool(_BARE_DOMAIN.match(f.low)))
    )


def pattern_reason(line: str, f: LineFeatures, settings: CleanSettings) -> tuple[str, float] | None:
    """The clutter kind a line's own wording or token make-up proves, with a confidence score."""
    if f.blank:
        return None
    if is_link_list(line, f, settings):
        return "link_list", 0.8
    if is_bare_link(f):
        return "navigation", 0.7
    if f.words <= settings.token_class_max_words:
        tokens = _class_tokens(f.low)
        if _is_share_line(tokens, settings):
            return "share", 0.9
        if _is_timestamp_line(tokens, settings):
            return "timestamp", 0.85
    if _is_byline(line, f):
        return "byline", 0.8
    if f.words > settings.pattern_max_words * _MAX_WORDS_FACTOR:
        return None  # long prose: no phrase rule applies
    low = f.low
    # Two scans tell whether any "^..." rule, or any gated rule, may match at all: nearly every
    # line fails both and skips the rules.
    anchored_may_match = _ANY_ANCHORED.match(low) is not None
    gated_may_match = _ANY_GATE.search(low)
    if not (anchored_may_match or gated_may_match):
        return None
    body_like = is_body_like(f, settings)
    for rule in _PHRASE_RULES:
        if (
            f.words > settings.pattern_max_words * rule.max_words_factor
            or (
                rule.weak and body_like and (not rule.calls or f.words > settings.weak_pattern_max_body_words)
            )
            or not (gated_may_match if rule.gate is not None else anchored_may_match)
        ):
            continue
        if rule.search(low):
            return rule.reason, rule.score
    return None
