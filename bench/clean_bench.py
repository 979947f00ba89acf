"""Benchmark of the clutter cleaner against anchors on three public sets (a script, not a test).

    .venv/bin/python bench/clean_bench.py                 # all sets, reporting halves
    .venv/bin/python bench/clean_bench.py --set l3s --split tune

Sets and metrics (data stays in /work/shared/data, see bench/clean_data.py for the split rule):
- l3s:  L3S-GN1 pages as plain-text lines; keep = headline + fulltext. Word-weighted line F1
        (macro over pages) and the share of article-body words removed; the HTML anchor
        (trafilatura) is scored on bags of words, as are all rows in the `bag F1` column.
- zyte: Zyte AEB; the benchmark's metric (\\w+ tokens, 4-gram shingles, per-page P and R
        averaged, F1 of the averages). From HTML and from the full-page text `html-text`.
- wcxb: WCXB article pages; bag-of-words F1 (macro) and the share of `without` snippets leaked,
        by our token rule (summed over pages) and by WCXB's own substring rule (page average).
        From HTML, and from the page's full text (html-text) as a check of the plain-text
        cleaner on modern pages (no target: the issue sets WCXB's from HTML).
- cleaneval: CleanEval 2007 pages (not news: blogs, list archives, shops), held out (nothing is
        tuned on it); bag-of-words P, R, F1 (macro) against the hand-cleaned text, from HTML and
        from html-text's full-page text.
- articles: BBC News and Reuters-21578 articles (bench/corpora.py), which carry no clutter:
        whatever `clean_text` cuts from them is article text lost. Reuters twice: one paragraph
        a line, and hard-wrapped at ~70 columns as the wire sent it; BBC also wrapped at 72
        columns with blank lines between paragraphs, as a plain-text e-mail carries it. Not
        split (they are not labelled); `--split` does not apply.
Extraction results are cached under bench/out/ (git-ignored) so tuning runs only re-clean.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import html
import json
import random
import re
import statistics
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import html_text
import justext
import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.clean_data import (
    GoldPage,
    LabelledLines,
    cleaneval_pages,
    l3s_pages,
    read_html,
    wcxb_pages,
    zyte_pages,
    zyte_tool_output,
)
from bench.corpora import Article
from bench.corpora import load as load_corpus
from indexer.clean import EXTRACTED_SETTINGS, clean_text
from indexer.extract import (
    EXTRACTOR_VERSION,
    TRAFILATURA_OPTIONS,
    ExtractedPage,
    ExtractSettings,
    HtmlExtractor,
)

OUT = Path(__file__).resolve().parent / "out"
_TOKEN = re.compile(r"\w+")


# --- anchors -------------------------------------------------------------------------------------

_C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


def c4_keep(line: str) -> bool:
    """C4's line rules (Raffel et al. 2020): terminal punctuation, >= 3 words, no 'javascript',
    no policy boilerplate, no absurdly long word. Page-level rules (< 5 sentences, '{', lorem
    ipsum) are left out: they drop whole pages, which says nothing about line cleaning."""
    stripped = line.strip()
    words = stripped.split()
    low = stripped.lower()
    return (
        stripped.endswith((".", "?", "!", '"'))
        and len(words) >= 3
        and max(map(len, words)) <= 1000
        and "javascript" not in low
        and not any(p in low for p in _C4_POLICY)
    )


def justext_keep(lines: Sequence[str]) -> list[bool]:
    """jusText on the lines wrapped as <p> paragraphs (blank lines are never kept)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    body = "".join(f"<p>{html.escape(lines[i])}</p>" for i in content)
    paragraphs = justext.justext(f"<html><body>{body}</body></html>", justext.get_stoplist("English"))
    keep = [False] * len(lines)
    if len(paragraphs) != len(content):  # jusText merged or dropped a paragraph: match by text
        kept_texts = Counter(" ".join(p.text.split()) for p in paragraphs if not p.is_boilerplate)
        for i in content:
            key = " ".join(lines[i].split())
            if kept_texts[key] > 0:
                kept_texts[key] -= 1
                keep[i] = True
        return keep
    for i, paragraph in zip(content, paragraphs, strict=True):
        keep[i] = not paragraph.is_boilerplate
    return keep


def syndetect_keep(lines: Sequence[str]) -> list[bool]:
    """Which input lines survive `clean_text`, read back from its spans (the rebuild invariant)."""
    text = "\n".join(lines)
    result = clean_text(text)
    removed = bytearray(len(text) + 1)
    for span in result.spans:
        removed[span.start : span.end] = b"\x01" * (span.end - span.start)
    keep, offset = [], 0
    for line in lines:
        keep.append(bool(line) and not removed[offset])
        offset += len(line) + 1
    return keep


# --- metrics -------------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def bag_prf(gold: str, predicted: str) -> tuple[float, float, float]:
    g, p = Counter(tokens(gold)), Counter(tokens(predicted))
    common = sum((g & p).values())
    precision = common / sum(p.values()) if p else (1.0 if not g else 0.0)
    recall = common / sum(g.values()) if g else 1.0
    return precision, recall, _f1(precision, recall)


def shingle_pr(gold: str, predicted: str, n: int = 4) -> tuple[float, float]:
    """Zyte AEB: per-page precision and recall over 4-gram shingles of \\w+ tokens."""

    def shingles(text: str) -> Counter[str]:
        t = _TOKEN.findall(text)
        return Counter(" ".join(t[i : i + n]) for i in range(max(1, len(t) - n + 1)) if t[i : i + n])

    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    if fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def leaked(without: Iterable[str], predicted: str) -> tuple[int, int]:
    """Our rule: snippets found in the prediction, both compared as \\w+ tokens (so a snippet
    split by a line break or punctuation still counts), summed over all pages."""
    text = " ".join(tokens(predicted))
    snippets = [" ".join(tokens(s)) for s in without]
    snippets = [s for s in snippets if s]
    return sum(1 for s in snippets if s in text), len(snippets)


def wcxb_leaked_share(without: Sequence[str], predicted: str) -> float:
    """WCXB's own rule (its evaluate.py): the share of a page's snippets found as lower-cased
    substrings, averaged over pages (a page without snippets counts as 0)."""
    if not without:
        return 0.0
    text = predicted.lower()
    return sum(1 for s in without if s.lower() in text) / len(without)


# --- extraction cache ----------------------------------------------------------------------------


def _options_tag(options: dict) -> str:
    """Short digest of extraction options: a cache made with other options is not reused."""
    return hashlib.sha1(json.dumps(options, sort_keys=True).encode()).hexdigest()[:8]


class ExtractionCache:
    """Pages extracted once per (set, split, tool), kept as JSON under bench/out/; our own
    extractor's caches are named after its trafilatura options."""

    def __init__(self, name: str, extract: Callable[[str], ExtractedPage]) -> None:
        if name.endswith("-extract"):
            name = f"{name}-{_options_tag({**TRAFILATURA_OPTIONS, 'version': EXTRACTOR_VERSION})}"
        self.path = OUT / f"{name}.json"
        self.extract = extract
        self.data: dict[str, list] = json.loads(self.path.read_text()) if self.path.exists() else {}
        self.dirty = False

    def get(self, doc_id: str, html_path: Path) -> ExtractedPage:
        if doc_id not in self.data:
            page = self.extract(read_html(html_path))
            self.data[doc_id] = [page.title, page.text]
            self.dirty = True
        title, text = self.data[doc_id]
        return ExtractedPage(title=title, text=text)

    def save(self) -> None:
        if self.dirty:
            OUT.mkdir(exist_ok=True)
            self.path.write_text(json.dumps(self.data))


def trafilatura_default(page_html: str) -> ExtractedPage:
    """The anchor: trafilatura's own defaults, comments off."""
    return ExtractedPage(title=None, text=trafilatura.extract(page_html, include_comments=False) or "")


_XML_INCOMPATIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def full_page_text(page_html: str) -> str:
    """The page's whole text as html-text gives it (lxml refuses control characters, which a
    few 2007 pages hold)."""
    return html_text.extract_text(_XML_INCOMPATIBLE.sub("", page_html))


def cleaned(page: ExtractedPage) -> str:
    """The HTML path: extracted text gets the extraction preset (no context removal)."""
    return clean_text(page.text, title=page.title, settings=EXTRACTED_SETTINGS).text


# --- sets ----------------------------------------------------------------------------------------

Row = dict[str, object]


def run_l3s(split: str, extractor: HtmlExtractor) -> list[Row]:
    pages = list(l3s_pages(split))
    line_methods: dict[str, Callable[[Sequence[str]], list[bool]]] = {
        "syndetect clean_text (lines)": syndetect_keep,
        "C4 line rules (lines)": lambda lines: [c4_keep(line) for line in lines],
        "jusText (lines as <p>)": justext_keep,
    }
    rows: list[Row] = []
    for name, keep_fn in line_methods.items():
        started = time.perf_counter()
        f1s, bag_f1s, removed_body, total_body = [], [], 0, 0
        for page in pages:
            keep = keep_fn(page.lines)
            weights = [len(line.split()) for line in page.lines]
            gold = [label in LabelledLines.KEEP for label in page.labels]
            tp = sum(w for w, k, g in zip(weights, keep, gold, strict=True) if k and g)
            kept = sum(w for w, k in zip(weights, keep, strict=True) if k)
            relevant = sum(w for w, g in zip(weights, gold, strict=True) if g)
            if not relevant:
                continue
            f1s.append(_f1(tp / kept if kept else 0.0, tp / relevant))
            removed_body += sum(
                w for w, k, lab in zip(weights, keep, page.labels, strict=True) if lab == "fulltext" and not k
            )
            total_body += sum(w for w, lab in zip(weights, page.labels, strict=True) if lab == "fulltext")
            gold_text = "\n".join(t for t, g in zip(page.lines, gold, strict=True) if g)
            bag_f1s.append(
                bag_prf(gold_text, "\n".join(t for t, k in zip(page.lines, keep, strict=True) if k))[2]
            )
        rows.append(
            {
                "set": "l3s",
                "method": name,
                "F1": statistics.mean(f1s),
                "bag F1": statistics.mean(bag_f1s),
                "body removed": removed_body / total_body,
                "pages": len(f1s),
                "s/page": (time.perf_counter() - started) / len(pages),
            }
        )
    html_methods = {
        "trafilatura defaults (HTML)": (
            ExtractionCache(f"l3s-{split}-trafilatura", trafilatura_default),
            False,
        ),
        "syndetect extract + clean (HTML)": (
            ExtractionCache(f"l3s-{split}-extract", extractor.extract),
            True,
        ),
    }
    for name, (cache, clean) in html_methods.items():
        started = time.perf_counter()
        bag_f1s, missing_body, total_body = [], 0, 0
        for page in pages:
            extracted = cache.get(page.doc_id, page.html_path)
            predicted = cleaned(extracted) if clean else extracted.text
            if extracted.title and clean:
                predicted = f"{extracted.title}\n{predicted}"
            gold_text = "\n".join(
                t for t, lab in zip(page.lines, page.labels, strict=True) if lab in LabelledLines.KEEP
            )
            if not tokens(gold_text):
                continue
            bag_f1s.append(bag_prf(gold_text, predicted)[2])
            body = Counter(
                tokens(
                    " ".join(t for t, lab in zip(page.lines, page.labels, strict=True) if lab == "fulltext")
                )
            )
            missing_body += sum((body - Counter(tokens(predicted))).values())
            total_body += sum(body.values())
        cache.save()
        rows.append(
            {
                "set": "l3s",
                "method": name,
                "F1": None,
                "bag F1": statistics.mean(bag_f1s),
                "body removed": missing_body / total_body,
                "pages": len(bag_f1s),
                "s/page": (time.perf_counter() - started) / len(pages),
            }
        )
    return rows


def _averaged_f1(pr: Sequence[tuple[float, float]]) -> float:
    """The Zyte benchmark's F1: of the per-page precision and recall averaged."""
    return _f1(statistics.mean(p for p, _ in pr), statistics.mean(r for _, r in pr))


def _bootstrap_interval(pr: Sequence[tuple[float, float]], resamples: int = 2000) -> str:
    """95 % interval of the averaged F1 over pages drawn with replacement (fixed seed): with
    about 90 pages a half, how far the figure could move on another draw of pages."""
    rng = random.Random(0)
    scores = sorted(_averaged_f1(rng.choices(pr, k=len(pr))) for _ in range(resamples))
    return f"{scores[int(0.025 * resamples)]:.3f}-{scores[int(0.975 * resamples) - 1]:.3f}"


def _zyte_row(name: str, pairs: Sequence[tuple[str, str]], seconds: float) -> Row:
    """Scores of one method's (gold, predicted) pairs; `seconds` is what predicting them took."""
    pr = [shingle_pr(gold, predicted) for gold, predicted in pairs]
    precision = statistics.mean(p for p, _ in pr)
    recall = statistics.mean(r for _, r in pr)
    return {
        "set": "zyte",
        "method": name,
        "F1": _f1(precision, recall),
        "P": precision,
        "R": recall,
        "F1 95% interval": _bootstrap_interval(pr),
        "pages": len(pr),
        "s/page": seconds / len(pr),
    }


def _timed_predictions(
    pages: Sequence[GoldPage], predict: Callable[[GoldPage], object]
) -> tuple[list, float]:
    """`predict` of every page, and the seconds it took."""
    started = time.perf_counter()
    predictions = [predict(page) for page in pages]
    return predictions, time.perf_counter() - started


def run_zyte(split: str, extractor: HtmlExtractor) -> list[Row]:
    pages = list(zyte_pages(split))
    ours = ExtractionCache(f"zyte-{split}-extract", extractor.extract)
    anchor = ExtractionCache(f"zyte-{split}-trafilatura", trafilatura_default)
    shipped = zyte_tool_output("trafilatura")
    golds = [page.gold for page in pages]

    def row(name: str, predict: Callable[[GoldPage], str]) -> Row:
        texts, seconds = _timed_predictions(pages, predict)
        return _zyte_row(name, list(zip(golds, texts, strict=True)), seconds)

    rows = [
        row("syndetect extract + clean (HTML)", lambda p: cleaned(ours.get(p.doc_id, p.html_path))),
        row("syndetect extract only (HTML)", lambda p: ours.get(p.doc_id, p.html_path).text),
        row("trafilatura 2.3 defaults (HTML)", lambda p: anchor.get(p.doc_id, p.html_path).text),
        row("trafilatura 2.0 shipped output", lambda p: shipped.get(p.doc_id, "")),
    ]
    # the full-page text is cleaned once for two rows: the benchmark's articleBody leaves the
    # headline out, as the HTML rows above do, so the body row scores the text without it
    results, seconds = _timed_predictions(pages, lambda p: clean_text(p.page_text or ""))
    cleaned_pages = list(zip(golds, results, strict=True))
    rows.append(
        _zyte_row("syndetect clean_text (html-text)", [(g, r.text) for g, r in cleaned_pages], seconds)
    )
    rows.append(
        _zyte_row("syndetect clean_text, body (html-text)", [(g, r.body) for g, r in cleaned_pages], seconds)
    )
    rows += [
        row(
            "C4 line rules (html-text)",
            lambda p: "\n".join(line for line in (p.page_text or "").split("\n") if c4_keep(line)),
        ),
        row("no cleaning (html-text)", lambda p: p.page_text or ""),
    ]
    ours.save()
    anchor.save()
    return rows


def _bag_row(
    set_name: str, name: str, pages: Sequence[GoldPage], predict: Callable[[GoldPage], str]
) -> tuple[Row, list[str]]:
    """Bag-of-words P, R and F1 (macro over pages) of one method, and its predictions."""
    predictions, seconds = _timed_predictions(pages, predict)
    prf = [bag_prf(page.gold, predicted) for page, predicted in zip(pages, predictions, strict=True)]
    row = {
        "set": set_name,
        "method": name,
        "F1": statistics.mean(f for _, _, f in prf),
        "P": statistics.mean(p for p, _, _ in prf),
        "R": statistics.mean(r for _, r, _ in prf),
        "pages": len(prf),
        "s/page": seconds / len(pages),
    }
    return row, predictions


def _wcxb_row(name: str, pages: Sequence[GoldPage], predict: Callable[[GoldPage], str]) -> Row:
    row, predictions = _bag_row("wcxb", name, pages, predict)
    leaks, snippets, page_shares = 0, 0, []
    for page, predicted in zip(pages, predictions, strict=True):
        hit, total = leaked(page.without, predicted)
        leaks += hit
        snippets += total
        page_shares.append(wcxb_leaked_share(page.without, predicted))
    row["without leaked"] = leaks / snippets
    row["leaked (WCXB rule)"] = statistics.mean(page_shares)
    return row


def _with_title(page: ExtractedPage, text: str) -> str:
    return f"{page.title}\n{text}" if page.title else text


def _html_methods(ours: ExtractionCache, anchor: ExtractionCache) -> dict[str, Callable[[GoldPage], str]]:
    """The HTML rows of the bag-of-words sets, whose gold holds the headline: ours with and
    without cleaning (headline line first), and trafilatura's defaults."""
    return {
        "syndetect extract + clean (HTML)": lambda p: _with_title(
            e := ours.get(p.doc_id, p.html_path), cleaned(e)
        ),
        "syndetect extract only (HTML)": lambda p: _with_title(e := ours.get(p.doc_id, p.html_path), e.text),
        "trafilatura 2.3 defaults (HTML)": lambda p: anchor.get(p.doc_id, p.html_path).text,
    }


def _full_text_methods(pages: Sequence[GoldPage]) -> dict[str, Callable[[GoldPage], str]]:
    """The plain-text rows of the bag-of-words sets: the page's whole text (html-text, as the
    Zyte set's plain-text input was made) cleaned by us and by the C4 rules, and uncleaned."""
    page_texts = {page.doc_id: full_page_text(read_html(page.html_path)) for page in pages}
    return {
        "syndetect clean_text (html-text)": lambda p: clean_text(page_texts[p.doc_id]).text,
        "C4 line rules (html-text)": lambda p: "\n".join(
            line for line in page_texts[p.doc_id].split("\n") if c4_keep(line)
        ),
        "no cleaning (html-text)": lambda p: page_texts[p.doc_id],
    }


def run_wcxb(split: str, extractor: HtmlExtractor) -> list[Row]:
    pages = list(wcxb_pages(split))
    ours = ExtractionCache(f"wcxb-{split}-extract", extractor.extract)
    anchor = ExtractionCache(f"wcxb-{split}-trafilatura", trafilatura_default)
    rows = [
        *(_wcxb_row(name, pages, predict) for name, predict in _html_methods(ours, anchor).items()),
        *(_wcxb_row(name, pages, predict) for name, predict in _full_text_methods(pages).items()),
        # the floor: snippets the gold text itself contains (a label inside an article sentence)
        _wcxb_row("gold text (the metric's floor)", pages, lambda p: p.gold),
    ]
    ours.save()
    anchor.save()
    return rows


def run_cleaneval(split: str, extractor: HtmlExtractor) -> list[Row]:
    """Held-out check on pages unlike the news sets (2007 blogs, list archives, shops): what the
    extractor and cleaner keep of CleanEval's hand-cleaned text, from the HTML and from the
    page's full text (html-text, as the Zyte set's plain-text input was made)."""
    pages = list(cleaneval_pages(split))
    ours = ExtractionCache(f"cleaneval-{split}-extract", extractor.extract)
    anchor = ExtractionCache(f"cleaneval-{split}-trafilatura", trafilatura_default)

    def row(name: str, predict: Callable[[GoldPage], str]) -> Row:
        return _bag_row("cleaneval", name, pages, predict)[0]

    methods = {**_html_methods(ours, anchor), **_full_text_methods(pages)}
    rows = [row(name, predict) for name, predict in methods.items()]
    ours.save()
    anchor.save()
    return rows


def _email_wrapped(article: Article) -> Article:
    """The article as a plain-text e-mail carries it: wrapped at 72 columns, a blank line
    between paragraphs."""
    paragraphs = (textwrap.fill(paragraph, 72) for paragraph in article.body.split("\n"))
    return dataclasses.replace(article, body="\n\n".join(paragraphs))


def run_articles(split: str, extractor: HtmlExtractor) -> list[Row]:
    """Share of characters, and of articles, that `clean_text` cuts from clutter-free articles,
    and the reasons it gives (lines a reason took, most frequent first)."""
    del split, extractor  # the corpora are whole and plain text
    rows = []
    bbc = load_corpus("bbc")
    corpora = {
        "bbc": bbc,
        "bbc, e-mail-wrapped": [_email_wrapped(article) for article in bbc],
        "reuters": load_corpus("reuters"),
        "reuters-wrapped": load_corpus("reuters-wrapped"),
    }
    for corpus, articles in corpora.items():
        started = time.perf_counter()
        cut_chars = total_chars = touched = 0
        reasons: Counter[str] = Counter()
        for article in articles:
            cuts = [
                (span.reason, article.body[span.start : span.end])
                for span in clean_text(article.body, title=article.title).spans
            ]
            cuts = [(reason, cut) for reason, cut in cuts if cut.strip()]  # blank lines are no loss
            total_chars += len(article.body)
            touched += bool(cuts)
            for reason, cut in cuts:
                cut_chars += len(cut.strip())
                reasons[reason] += sum(1 for line in cut.split("\n") if line.strip())
        rows.append(
            {
                "set": f"articles ({corpus})",
                "method": "syndetect clean_text",
                "chars cut": cut_chars / total_chars,
                "articles cut": touched / len(articles),
                "lines cut by reason": ", ".join(f"{reason} {n}" for reason, n in reasons.most_common()),
                "pages": len(articles),
                "s/page": (time.perf_counter() - started) / len(articles),
            }
        )
    return rows


def print_table(rows: Sequence[Row]) -> None:
    columns = [
        "set",
        "method",
        "F1",
        "P",
        "R",
        "F1 95% interval",
        "bag F1",
        "body removed",
        "without leaked",
        "leaked (WCXB rule)",
        "chars cut",
        "articles cut",
        "lines cut by reason",
        "pages",
        "s/page",
    ]
    columns = [c for c in columns if any(c in row for row in rows)]
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[k]) for r in table)) for k, c in enumerate(columns)]
    print(" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for r in table:
        print(" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if value >= 0.01 or value == 0 else f"{value:.4f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--set", choices=["l3s", "zyte", "wcxb", "cleaneval", "articles", "all"], default="all"
    )
    parser.add_argument("--split", choices=["tune", "report"], default="report")
    args = parser.parse_args()
    runners = {
        "l3s": run_l3s,
        "zyte": run_zyte,
        "wcxb": run_wcxb,
        "cleaneval": run_cleaneval,
        "articles": run_articles,
    }
    chosen = list(runners) if args.set == "all" else [args.set]
    rows: list[Row] = []
    with HtmlExtractor(ExtractSettings(max_workers=1, timeout_seconds=60)) as extractor:
        for name in chosen:
            rows.extend(runners[name](args.split, extractor))
    print(f"split: {args.split}")
    print_table(rows)


if __name__ == "__main__":
    main()
