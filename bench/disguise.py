"""Disguised copies of a news article, as copy sites and syndication partners publish them.

Each generator takes the original (title, paragraphs) and a seeded `random.Random` and returns a
`Copy`: the headline and plain text (one paragraph a line, as the indexing pipeline sends it)
plus what was done, so failing cases can be explained.

- `retypeset`: the same words re-typeset: straight and curly quotes / apostrophes swapped, dashes
  restyled, and different whitespace (blank or single line breaks between paragraphs, CRLF,
  double spaces after full stops, trailing spaces, indents, one paragraph broken in two at a
  sentence as a `<br>` does). Nothing else changes.
- `near_duplicate`: 2-4 % of the words edited (a typo fixed, a number changed, an adjective or
  adverb dropped, "said" turned into "says") plus 2-4 site clutter lines.
- `trimmed`: the first half of the paragraphs under a new headline; by sentences when there is one
  paragraph or the paragraph half would keep under 30 % or over 70 % of the words.
- `extended`: 2-4 paragraphs of another, unrelated story appended, or inserted as a local block.
- `spun`: the colleague's synonym-swap spinner (`bench.spinner`), when it exists.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

try:  # written by a colleague; the paraphrase kind is skipped until it exists
    from bench.spinner import spin as _spin
    from bench.spinner import spin_line as _spin_line
except ImportError:  # pragma: no cover - depends on the tree
    _spin = _spin_line = None

HAVE_SPINNER = _spin is not None


@dataclass(frozen=True)
class Copy:
    title: str
    text: str
    notes: dict = field(default_factory=dict)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
# A full stop after these is not a sentence end ("U.S. Dlrs", "Mr Smith", "E.F. Hutton").
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Inc|Co|Corp|Ltd|No|vs|Gen|Gov|Sen|Rep|Prof|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Lt|Col|Capt|Sgt|Rev|approx|est|dept|Bros)\.)$"
)


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph at sentence ends (not after initials and common abbreviations)."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        head = paragraph[start : m.start()].rstrip("\"'\u201d\u2019)")
        if _ABBREVIATION.search(head):
            continue
        out.append(paragraph[start : m.start()] + m.group().rstrip())
        start = m.end()
    out.append(paragraph[start:])
    return [s.strip() for s in out if s.strip()]


# -- (a) re-typeset exact copy -------------------------------------------------------------------


def _curl(text: str) -> str:
    """Straight quotes and apostrophes to typographic ones, as a CMS's smart-quotes filter does."""
    text = re.sub(r'(^|[\s(\[{-])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r"(^|[\s(\[{-])'", "\\1\u2018", text)
    return text.replace("'", "\u2019")


def _straighten(text: str) -> str:
    for curly, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        text = text.replace(curly, straight)
    return text


def _restyle_dashes(text: str, rng: random.Random) -> str:
    dash = rng.choice(("\u2013", "\u2014"))
    return text.replace(" - ", f" {dash} ")


def retypeset(title: str, paragraphs: list[str], rng: random.Random) -> Copy:
    has_curly = any(c in "".join(paragraphs) + title for c in "\u201c\u201d\u2018\u2019")
    quote = _straighten if has_curly else _curl
    paragraphs = [_restyle_dashes(quote(p), rng) for p in paragraphs]
    title = quote(title)
    done = ["quotes " + ("straightened" if has_curly else "curled"), "dashes"]

    # Different whitespace: pick several of the usual re-typesetting differences.
    if rng.random() < 0.5:
        paragraphs = [re.sub(r"([.!?][\"'\u201d\u2019]?) (?=\S)", "\\1  ", p) for p in paragraphs]
        done.append("double spaces after sentences")
    if rng.random() < 0.4:
        paragraphs = [p + rng.choice((" ", "  ", "\t")) for p in paragraphs]
        done.append("trailing spaces")
    if rng.random() < 0.3:
        indent = rng.choice(("    ", "\t", "  "))
        paragraphs = [indent + p for p in paragraphs]
        done.append("indented paragraphs")
    breakable = [i for i, p in enumerate(paragraphs) if len(sentences(p)) > 1]
    if breakable and rng.random() < 0.5:
        i = rng.choice(breakable)
        parts = sentences(paragraphs[i])
        cut = rng.randint(1, len(parts) - 1)
        paragraphs[i] = " ".join(parts[:cut]) + "\n" + " ".join(parts[cut:])
        done.append("one paragraph broken at a sentence")
    separator = rng.choice(("\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"))
    done.append(f"paragraph separator {separator!r}")
    text = separator.join(paragraphs)
    if rng.random() < 0.3:
        text = rng.choice(("\n", "\n\n", " \n")) + text + rng.choice(("\n", "\n\n"))
        done.append("leading/trailing blank lines")
    return Copy(title, text, {"changes": done})


# -- (b) near duplicate: small edits plus clutter -----------------------------------------------

# Adjectives and adverbs an editor drops without changing the story.
_DROPPABLE = frozenset(
    [
        "new",
        "big",
        "major",
        "key",
        "top",
        "senior",
        "former",
        "recent",
        "latest",
        "huge",
        "large",
        "small",
        "largest",
        "biggest",
        "leading",
        "main",
        "chief",
        "strong",
        "weak",
        "sharp",
        "sharply",
        "further",
        "also",
        "very",
        "just",
        "still",
        "only",
        "really",
        "quite",
        "already",
        "currently",
        "now",
        "early",
        "late",
        "significant",
        "substantial",
        "important",
        "global",
        "national",
        "local",
        "international",
        "public",
        "private",
        "full",
        "final",
        "total",
        "annual",
        "official",
        "serious",
        "possible",
        "likely",
        "future",
        "current",
        "past",
        "high",
        "low",
        "higher",
        "lower",
        "rising",
        "falling",
        "first",
        "last",
        "next",
    ]
)
_SAID = {"said": "says", "says": "said", "told": "said", "added": "said"}
_WORD_CORE = re.compile(r"^([^\w]*)(\w[\w'-]*\w|\w)([^\w]*)$")
_DIGIT = re.compile(r"\d")


def _typo(word: str, rng: random.Random) -> str | None:
    """A small spelling change in a word of >= 5 letters (as fixing a typo, seen from the copy)."""
    m = _WORD_CORE.match(word)
    if not m or len(m.group(2)) < 5 or not m.group(2).isalpha():
        return None
    lead, core, tail = m.groups()
    i = rng.randint(1, len(core) - 3)
    how = rng.choice(("swap", "double", "drop"))
    if how == "swap":
        edited = core[:i] + core[i + 1] + core[i] + core[i + 2 :]
    elif how == "double":
        edited = core[: i + 1] + core[i] + core[i + 1 :]
    else:
        edited = core[:i] + core[i + 1 :]
    return None if edited == core else lead + edited + tail


def _renumber(word: str, rng: random.Random) -> str | None:
    digits = [i for i, c in enumerate(word) if c.isdigit()]
    if not digits:
        return None
    i = rng.choice(digits)
    new = str((int(word[i]) + rng.randint(1, 8)) % 10)
    if i == digits[0] and new == "0" and len(digits) > 1 and (i + 1 < len(word) and word[i + 1].isdigit()):
        new = "1"  # no leading zero
    return word[:i] + new + word[i + 1 :]


_EDIT_WEIGHTS = (("typo", 0.4), ("drop", 0.3), ("number", 0.15), ("said", 0.15))


def _edit_words(paragraphs: list[str], rate: float, rng: random.Random) -> tuple[list[str], list[str]]:
    """Edit `rate` of the words: each edit a typo fix, a dropped adjective/adverb, a changed number
    or a said/says change, chosen by `_EDIT_WEIGHTS` among the words that allow it."""
    words = [p.split(" ") for p in paragraphs]
    slots = [(pi, wi) for pi, ws in enumerate(words) for wi in range(len(ws))]
    wanted = max(1, round(len(slots) * rate))
    touched: set[tuple[int, int]] = set()
    edits: list[str] = []

    def bare(word: str) -> str:
        m = _WORD_CORE.match(word)
        return m.group(2) if m else word

    eligible = {
        "typo": [s for s in slots if _typo(words[s[0]][s[1]], random.Random(0))],
        "drop": [s for s in slots if bare(words[s[0]][s[1]]) in _DROPPABLE],
        "number": [s for s in slots if _DIGIT.search(words[s[0]][s[1]])],
        "said": [s for s in slots if bare(words[s[0]][s[1]]) in _SAID],
    }
    kinds, weights = zip(*_EDIT_WEIGHTS)
    attempts = 0
    while len(edits) < wanted and attempts < 20 * wanted:
        attempts += 1
        kind = rng.choices(kinds, weights)[0]
        free = [s for s in eligible[kind] if s not in touched]
        if not free:
            continue
        pi, wi = rng.choice(free)
        word = words[pi][wi]
        if kind == "typo":
            edited = _typo(word, rng)
        elif kind == "number":
            edited = _renumber(word, rng)
        elif kind == "said":
            edited = word.replace(bare(word), _SAID[bare(word)])
        else:
            edited = ""
        if edited is None:
            continue
        touched.add((pi, wi))
        words[pi][wi] = edited
        edits.append(f"{kind} {word!r}->{edited!r}")
    return [" ".join(w for w in ws if w) for ws in words], edits


_PHOTO = ("(Photo: Reuters)", "(Photo: AP)", "(Photo: Getty Images)", "(Photo: AFP)")
_COPYRIGHT = (
    "\u00a9 2025 Example Media",
    "\u00a9 2025 Example Media. All rights reserved.",
    "\u00a9 Example Media 2025",
)


def near_duplicate(title: str, paragraphs: list[str], rng: random.Random, other_headline: str) -> Copy:
    rate = rng.uniform(0.02, 0.04)
    paragraphs, edits = _edit_words(paragraphs, rate, rng)
    kinds = rng.sample(["subscribe", "share", "photo", "copyright", "read_more"], rng.randint(2, 4))
    top: list[str] = []
    bottom: list[str] = []
    middle: list[str] = []
    for kind in kinds:
        if kind == "subscribe":
            (bottom if rng.random() < 0.6 else middle).append("Subscribe to our newsletter")
        elif kind == "share":
            (top if rng.random() < 0.5 else bottom).append("Share this article")
        elif kind == "photo":
            top.append(rng.choice(_PHOTO))
        elif kind == "copyright":
            bottom.append(rng.choice(_COPYRIGHT))
        else:
            middle.append(f"Read more: {other_headline}")
    body = paragraphs[:]
    for line in middle:
        body.insert(rng.randint(1, max(1, len(body) - 1)) if len(body) > 1 else len(body), line)
    lines = top + body + bottom
    return Copy(
        title,
        "\n".join(lines),
        {"edits": edits, "edit_rate": round(rate, 4), "clutter": top + middle + bottom},
    )


# -- (c) trimmed, (d) extended -------------------------------------------------------------------


def _new_headline(title: str, paragraphs: list[str], rng: random.Random) -> str:
    """A syndicator's own headline: the original reworded when the spinner exists, else the lead."""
    if _spin_line is not None and rng.random() < 0.6:
        spun = _spin_line(title, rng, rate=0.9)
        if spun != title:
            return spun
    lead = sentences(paragraphs[0])[0].split()
    return " ".join(lead[: rng.randint(6, 10)]).rstrip(",;:")


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def trimmed(title: str, paragraphs: list[str], rng: random.Random) -> Copy:
    total = _words(paragraphs)
    kept = paragraphs[: (len(paragraphs) + 1) // 2]
    if _words(kept) > 0.7 * total:
        kept = paragraphs[: max(1, len(paragraphs) // 2)]
    unit = "paragraphs"
    if len(paragraphs) < 2 or not 0.3 * total <= _words(kept) <= 0.7 * total:
        # One paragraph, or paragraphs too uneven to halve (a one-line lede over one long block):
        # trim by sentences, then by words for a one-sentence item.
        parts = [s for p in paragraphs for s in sentences(p)]
        if len(parts) >= 2:
            kept, unit = [" ".join(parts[: max(1, len(parts) // 2)])], "sentences"
        else:
            words = " ".join(paragraphs).split()
            kept, unit = [" ".join(words[: len(words) // 2])], "words"
    return Copy(
        _new_headline(title, paragraphs, rng),
        "\n".join(kept),
        {"kept_words": _words(kept), "of_words": total, "unit": unit},
    )


def extended(title: str, paragraphs: list[str], rng: random.Random, foreign: list[str]) -> Copy:
    """`foreign`: 2-4 paragraphs of an unrelated story that is not in the index."""
    if len(paragraphs) >= 2 and rng.random() < 0.5:
        at = rng.randint(1, len(paragraphs) - 1)
        body, how = paragraphs[:at] + foreign + paragraphs[at:], f"inserted after paragraph {at}"
    else:
        body, how = paragraphs + foreign, "appended"
    return Copy(
        title,
        "\n".join(body),
        {"added_paragraphs": len(foreign), "added_words": _words(foreign), "how": how, "added": foreign},
    )


# -- (e) spun ------------------------------------------------------------------------------------


def spun(title: str, paragraphs: list[str], seed: int) -> Copy:
    if _spin is None:
        raise RuntimeError("bench/spinner.py is not there yet")
    return Copy(_spin(title, seed=seed + 1), _spin("\n".join(paragraphs), seed=seed), {"spinner_seed": seed})
