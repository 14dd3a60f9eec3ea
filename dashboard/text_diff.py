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
        else:
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


def changed_words(segments: list[Segment]) -> tuple[int, int]:
    """How many words were deleted and inserted: a summary for the history's heading."""
    deleted = sum(len(s.text.split()) for s in segments if s.op == "delete")
    inserted = sum(len(s.text.split()) for s in segments if s.op == "insert")
    return deleted, inserted
