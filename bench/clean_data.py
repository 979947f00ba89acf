"""Loaders for the cleaner benchmarks (read-only research data under /work/shared/data; it is
never copied into the repo) and the fixed tuning/reporting split.

Split rule: a document is in the reporting half when the first byte of sha1(id) is odd, in the
tuning half otherwise. Thresholds are tuned on the tuning half only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path("/work/shared/data")


def half(doc_id: str) -> str:
    return "report" if hashlib.sha1(doc_id.encode()).digest()[0] % 2 else "tune"


@dataclass(frozen=True)
class LabelledLines:
    """An L3S-GN1 page as plain-text lines with gold labels, and its annotated HTML."""

    doc_id: str
    lines: tuple[str, ...]
    labels: tuple[str, ...]
    html_path: Path

    KEEP = frozenset({"headline", "fulltext"})


def l3s_pages(split: str) -> Iterator[LabelledLines]:
    root = DATA / "l3s-gn1"
    with open(root / "lines.jsonl", encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            if half(row["id"]) == split:
                yield LabelledLines(
                    doc_id=row["id"],
                    lines=tuple(line["text"] for line in row["lines"]),
                    labels=tuple(line["label"] for line in row["lines"]),
                    html_path=root / "annotated" / f"{row['id']}.html.gz",
                )


@dataclass(frozen=True)
class GoldPage:
    """A page with its HTML, an optional full-page plain text, and its gold article text."""

    doc_id: str
    html_path: Path
    gold: str
    page_text: str | None = None
    without: tuple[str, ...] = ()


def read_html(path: Path) -> str:
    """The page's text: UTF-8, or Windows-1252 for the older pages that are not (CleanEval's
    2007 crawl; every other set here is valid UTF-8)."""
    return _decode(gzip.decompress(path.read_bytes()))


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def zyte_pages(split: str) -> Iterator[GoldPage]:
    root = DATA / "zyte-aeb"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    page_text = json.loads((root / "output" / "html-text.json").read_text(encoding="utf-8"))
    page_text = page_text.get("output", page_text)
    for doc_id, item in sorted(gold.items()):
        if half(doc_id) == split:
            yield GoldPage(
                doc_id=doc_id,
                html_path=root / "html" / f"{doc_id}.html.gz",
                gold=item["articleBody"],
                page_text=page_text.get(doc_id, {}).get("articleBody", ""),
            )


def zyte_tool_output(tool: str) -> dict[str, str]:
    data = json.loads((DATA / "zyte-aeb" / "output" / f"{tool}.json").read_text(encoding="utf-8"))
    data = data.get("output", data)
    return {doc_id: item.get("articleBody", "") or "" for doc_id, item in data.items()}


def wcxb_pages(split: str) -> Iterator[GoldPage]:
    """WCXB article pages: its own `test` directory is the reporting half, `dev` the tuning half.

    The copied `dev` directory also holds 79 of the 257 `test` pages (same files; WCXB's
    metadata.json assigns them, and 3 more, to `test`): they stay out of the tuning half, so the
    halves share no page."""
    base = DATA / "wcxb-articles"
    root = base / ("test" if split == "report" else "dev")
    excluded = set()
    if split != "report":
        assigned = json.loads((base / "metadata.json").read_text(encoding="utf-8"))["files"]
        excluded = {path.stem for path in (base / "test" / "ground-truth").glob("*.json")}
        excluded |= {doc_id for doc_id, item in assigned.items() if item.get("split") == "test"}
    for path in sorted((root / "ground-truth").glob("*.json")):
        if path.stem in excluded:
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
        yield GoldPage(
            doc_id=path.stem,
            html_path=root / "html" / f"{path.stem}.html.gz",
            gold=truth.get("main_content") or "",
            without=tuple(truth.get("without") or ()),
        )


_CLEANEVAL_MARKER = re.compile(r"<[phl]>")


def cleaneval_pages(split: str) -> Iterator[GoldPage]:
    """CleanEval 2007 pages (dev and final, those with a gold file), split by id like the others.

    Held out: no threshold is tuned on either half. The gold file's URL line and its segment
    markers (<p>, <h>, <l>) are dropped, leaving the hand-cleaned text."""
    root = DATA / "cleaneval"
    for part in ("dev", "final"):
        for path in sorted((root / part / "GoldStandard").glob("*.txt")):
            doc_id = f"{part}-{path.stem}"
            html_path = root / part / "input" / f"{path.stem}.html.gz"
            if half(doc_id) != split or not html_path.exists():
                continue
            text = _decode(path.read_bytes())
            if text.startswith("URL:"):
                text = text.partition("\n")[2]
            yield GoldPage(doc_id=doc_id, html_path=html_path, gold=_CLEANEVAL_MARKER.sub("", text))
