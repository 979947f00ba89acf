"""The cleaner's output and the one place that turns per-line verdicts into character spans.

Rebuild invariant: the input is split on "\\n" into lines; `spans` are disjoint, sorted, and
together with the kept segments (their complement) tile the input exactly, and the
concatenation of the kept segments equals `text == "\\n".join(kept lines)`. A removed line's
span takes the newline after it, except after the last kept line, where it takes the newline
before it; so no separator is ever lost or doubled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RemovedSpan:
    """A removed character range [start, end) of the submitted text and why it went."""

    start: int
    end: int
    reason: str
    score: float


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text (kept lines joined by "\\n"), every removed range, and the [start, end) range of
    the kept line(s) taken for the headline (the given title's line, or the one found above the
    body), None when no line is: the body alone, as article-extraction benchmarks score it, is
    the text without that line."""

    text: str
    spans: tuple[RemovedSpan, ...]
    headline: tuple[int, int] | None = None

    @property
    def body(self) -> str:
        """The cleaned text without the headline line."""
        if self.headline is None:
            return self.text
        start, end = self.headline
        at = start - sum(span.end - span.start for span in self.spans if span.end <= start)
        before, after = self.text[:at], self.text[at + end - start :]
        return before + after[1:] if after.startswith("\n") else before.removesuffix("\n") + after


Verdict = tuple[str, float] | None  # (reason, score) for a removed line, None for a kept one


def build_result(
    lines: Sequence[str], verdicts: Sequence[Verdict], headline: range | None = None
) -> CleanResult:
    """Assemble the cleaned text and the merged spans (adjacent lines removed for the same reason
    form one span, scored by their maximum); `headline` is the indices of the headline's lines
    (one, or a hard-wrapped headline's few)."""
    kept_positions = [i for i, v in enumerate(verdicts) if v is None]
    last_kept = kept_positions[-1] if kept_positions else -1
    runs: list[list] = []  # [start, end, reason, score], merged while adjacent and same reason
    offset = 0
    headline_range = None
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        start, end = offset, offset + len(line)
        offset = end + 1
        if verdict is None:
            if headline is not None and i in headline:
                headline_range = (headline_range[0] if headline_range else start, end)
            continue
        if i > last_kept >= 0:
            start -= 1  # trailing clutter: take the newline that ends the last kept line
        elif i < len(lines) - 1:
            end += 1  # take this line's own newline
        reason, score = verdict
        if start == end:
            continue  # an empty last line of an otherwise empty text: nothing to remove
        if runs and runs[-1][1] == start and runs[-1][2] == reason:
            runs[-1][1] = end
            runs[-1][3] = max(runs[-1][3], score)
        else:
            runs.append([start, end, reason, score])
    spans = tuple(RemovedSpan(start, end, reason, round(score, 3)) for start, end, reason, score in runs)
    return CleanResult(text="\n".join(lines[i] for i in kept_positions), spans=spans, headline=headline_range)
