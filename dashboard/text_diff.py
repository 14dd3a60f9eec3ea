"""A word-level difference between two texts, for the history of a plan's texts and an
activity's definition. Plain data, no Dash: the layout decides how to show it (layouts/history.py
marks deletions and insertions with <del>/<ins> and words for screen readers, not colour alone).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "delete", "insert"]

# A word with the spaces after it: a diff of these keeps the text's own spacing and line breaks.
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


def _tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """The segments that turn `old` into `new`, word by word: unchanged text, deleted words and
    inserted words, in reading order (a replaced passage reads deletion, then insertion).
    Neighbouring segments of the same kind are joined."""
    before, after = _tokens(old), _tokens(new)
    # Compare the words alone, so a word that gained a space or a line break after it (the last
    # word, once more text follows) is still the same word; the text shown keeps its spacing.
    matcher = SequenceMatcher(
        None, [t.rstrip() for t in before], [t.rstrip() for t in after], autojunk=False
    )
    segments: list[Segment] = []

    def add(op: Op, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
            return
        if segments and not segments[-1].text[-1].isspace() and not text[0].isspace():
            # The last word of one text meets a word of the other: keep them apart.
            segments[-1] = Segment(segments[-1].op, segments[-1].text + " ")
        segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", after[j1:j2])
            continue
        if tag in ("delete", "replace"):
            add("delete", before[i1:i2])
        if tag in ("insert", "replace"):
            add("insert", after[j1:j2])
    return segments


ELLIPSIS = "…"


def condense(segments: list[Segment], context: int = 12) -> list[Segment]:
    """The changes with `context` words of unchanged text around each; longer unchanged
    stretches are cut with "…", so a one-word change in a page-long lägesbild reads as one
    line. A text without changes is returned whole."""
    if all(s.op == "equal" for s in segments):
        return segments
    out: list[Segment] = []
    for index, segment in enumerate(segments):
        if segment.op != "equal":
            out.append(segment)
            continue
        tokens = _tokens(segment.text)
        head = 0 if index == 0 else context
        tail = 0 if index == len(segments) - 1 else context
        if len(tokens) <= head + tail + context:
            out.append(segment)
            continue
        kept_head = "".join(tokens[:head])
        kept_tail = "".join(tokens[len(tokens) - tail :]) if tail else ""
        joined = (kept_head.rstrip() + " " if kept_head else "") + ELLIPSIS
        out.append(Segment("equal", joined + (" " + kept_tail if kept_tail else "")))
    return out
