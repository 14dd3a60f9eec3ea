"""Keyword rules over a plan's texts, for Plankvalitet's checklist.

A keyword rule only says whether some words occur in what is registered for a plan; it cannot
tell a thorough description from a passing mention, nor a promise from a statement of fact.

How a text is searched, in time linear in its length:

1. The text is split once into its words (`\\w+`, so å, ä and ö belong to words and hyphens,
   commas and line breaks separate them) and the lower-cased words are joined by single spaces
   with a space before and after: "SSP (skola, socialtjänst, polis)" → " ssp skola socialtjänst
   polis ".
2. Each term is one plain substring search (`str.find`) in that string; a space in a term marks a
   word boundary:
   - `word("SSP")` → " ssp ": the whole word, so "verksamhetsspecifika" is no SSP;
   - `start("uppföljning")` → " uppföljning": a word that starts so ("uppföljningen"), but not
     "verksamhetsuppföljning";
   - `part("utbildning")` → "utbildning": anywhere, also inside a compound ("grundutbildningen").
   A term may span words: `start("vit makt")` finds "vit makt-miljön".
3. A rule is one or more alternatives; an alternative is one or more groups of terms; a text
   meets an alternative when it holds at least one term of every group. Every term is searched
   once per text: there are a fixed number of terms of bounded length, and no regular
   expression is ever built from a term, so nothing backtracks.

The search runs in Python over the texts of one year's plans, loaded with one query: SQLite's
`lower()` leaves Å, Ä and Ö alone and SQL's LIKE knows no word boundaries.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    pattern: str  # searched in the normalised text (see the module docstring)
    shown: str  # the term as the drill-down names it


def word(text: str) -> Term:
    """The whole word (or words)."""
    return Term(f" {_normalise_term(text)} ", text)


def start(text: str) -> Term:
    """A word starting with `text`."""
    return Term(f" {_normalise_term(text)}", text)


def part(text: str) -> Term:
    """`text` anywhere, also inside a word."""
    return Term(_normalise_term(text), text)


def _normalise_term(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


Group = tuple[Term, ...]  # any one of these terms


@dataclass(frozen=True)
class Rule:
    """Met by a text holding a term of every group of at least one alternative."""

    alternatives: tuple[tuple[Group, ...], ...]

    @classmethod
    def all_of(cls, *groups: Sequence[Term]) -> "Rule":
        return cls((tuple(tuple(g) for g in groups),))

    @classmethod
    def any_of(cls, *terms: Term) -> "Rule":
        return cls(((tuple(terms),),))

    def __or__(self, other: "Rule") -> "Rule":
        return Rule(self.alternatives + other.alternatives)


@dataclass(frozen=True)
class Text:
    """One searchable text of a plan: its lägesbild, sources or analysis, or one activity."""

    where: str  # Swedish, after "i": "lägesbilden", "aktivitet 3 (Förebyggande: …)"
    kind: str  # what the rules may restrict themselves to: a plan field or an activity section
    words: tuple[str, ...]
    normalised: str

    @classmethod
    def of(cls, where: str, kind: str, *parts: str | None) -> "Text":
        words = tuple(w for p in parts if p for w in _WORD.findall(p))
        return cls(where, kind, words, " " + " ".join(w.lower() for w in words) + " ")

    def found(self, term: Term) -> tuple[int, str] | None:
        """Where `term` first occurs, and the words there as written ("SSP"); None if nowhere."""
        at = self.normalised.find(term.pattern)
        if at < 0:
            return None
        core = term.pattern.strip(" ")
        first = at + (len(term.pattern) - len(term.pattern.lstrip(" ")))
        last = first + len(core) - 1
        # Words are separated by single spaces, with one before the first word.
        i = self.normalised.count(" ", 0, first) - 1
        j = self.normalised.count(" ", 0, last) - 1
        return at, " ".join(self.words[i : j + 1])


@dataclass(frozen=True)
class Match:
    where: str
    words: tuple[str, ...]  # the words found, as written, at most a few per group
    others: int  # how many more of the searched texts meet the rule


MAX_WORDS_PER_GROUP = 2  # the first ones in the text


def _meets(rule: Rule, text: Text) -> tuple[str, ...] | None:
    for groups in rule.alternatives:
        found: list[str] = []
        for group in groups:
            hits = sorted(hit for hit in (text.found(term) for term in group) if hit)
            if not hits:
                break
            distinct = list(dict.fromkeys(w for _, w in hits))[:MAX_WORDS_PER_GROUP]
            found += [w for w in distinct if w not in found]
        else:
            return tuple(found)
    return None


def search(rule: Rule, texts: Iterable[Text]) -> Match | None:
    """The first text meeting the rule, with the words found and how many more texts meet it."""
    first: Match | None = None
    others = 0
    for text in texts:
        words = _meets(rule, text)
        if words is None:
            continue
        if first is None:
            first = Match(text.where, words, 0)
        else:
            others += 1
    return None if first is None else Match(first.where, first.words, others)
