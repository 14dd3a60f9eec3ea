"""Trend alerts: is the latest month's count of a milieu in a council unusual for that series?

The method, and why
-------------------
Incident counts per council × milieu × month are small (often 0–10) and lumpy: a Gaussian
control chart (EWMA, Shewhart) assumes a spread the data do not have at these levels, and a CUSUM
needs a known in-control mean, which a two-year history estimates only roughly. So each series is
judged by the **predictive distribution of the next count given its own history**:

* The series' rate λ gets a Gamma posterior from its last 24 months (Jeffreys-like prior
  Gamma(½, 0)), each month weighted by the milieu's **seasonal factor** (estimated from the pooled
  city-wide series of that milieu, where counts are large enough to see a season; a single
  council's 24 months are not). The predictive of a new month is then Gamma–Poisson, i.e.
  negative binomial: it is wider than a plain Poisson by the uncertainty in λ.
* Over-dispersion: the history's Pearson dispersion φ (≥ 1) widens it further (variance
  φ·m·(1 + S/b)), so a series that is lumpy anyway (graffiti waves) does not alarm on every wave.
* Two tests each month: the month alone (a spike) and the month plus the one before it, summed
  against the history before both (a sustained rise: two months of a doubling carry twice the
  evidence of one). A count is unusual when P(at least this many | usual) is at most the test's α
  — the count is above the upper prediction limit.
* α per test is tuned on the benchmark (bench/alerts.py) so that a council's four milieu series
  without any rise give at most about one false alarm a year even when the counts are
  over-dispersed (0.9–1.0 a year there, 0.2–0.4 for plain Poisson counts). At these α a doubling
  sustained for two months is found within two months in about half of Poisson series at 5 a
  month and ~83 % at 10 a month (a third and 38 % when over-dispersed); a tripling at 5 a month
  in ~96 %. The issue's target (≥ 90 % at 5 a month) is beyond what counts this small allow at
  that false-alarm rate; the benchmark prints the current figures, and they are not tuned away.
* Sparse series: when even a sustained doubling would mostly go unseen by the two-month test
  (power below one half, which at these α means a usual level below about 5 a month), the alert
  text says that only large spikes can be detected — it never claims a trend it cannot see.
* At least ``MIN_COUNT`` incidents are needed for an alert: 2 where 0.1 is usual is improbable
  but tells a coordinator nothing.

Everything here is plain Python (math.exp, math.log and sums): no SQL, no Dash, no scipy. It
lives in models/ because models.queries.alerts calls it and models/ imports nothing from the web
app (tests/unit/test_rules.py).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from models.rules import MONTH_NAMES

HISTORY_MONTHS = 24  # the history a month is judged against
MIN_HISTORY = 12  # fewer months known: no judgement
PRIOR_SHAPE, PRIOR_RATE = 0.5, 0.0
ALPHA_ONE = 0.004  # the month alone (tuned in bench/alerts.py)
ALPHA_TWO = 0.01  # the month and the one before, summed
MIN_COUNT = 3
USUAL_QUANTILES = (0.1, 0.9)  # "normalt 2–5": the central 80 % of the predictive
SPARSE_POWER = 0.5  # below this chance of seeing a doubling, the series is called sparse
SEASON_PSEUDO_YEARS = 1.0  # shrinks the seasonal factors towards 1


@dataclass(frozen=True)
class Predictive:
    """A negative binomial by mean and variance (Poisson when they are equal)."""

    mean: float
    variance: float

    def pmf_terms(self, upto: int) -> list[float]:
        """P(Y = k) for k = 0 … upto."""
        m = max(self.mean, 1e-12)
        if self.variance <= m * (1 + 1e-9):
            first, ratio_r, q = math.exp(-m), None, 0.0
        else:
            p = m / self.variance
            r = m * m / (self.variance - m)
            first, ratio_r, q = math.exp(r * math.log(p)), r, 1 - p
        terms = [first]
        for k in range(upto):
            if ratio_r is None:
                terms.append(terms[-1] * m / (k + 1))
            else:
                terms.append(terms[-1] * (k + ratio_r) / (k + 1) * q)
        return terms

    def tail(self, count: int) -> float:
        """P(Y ≥ count)."""
        if count <= 0:
            return 1.0
        return max(0.0, 1.0 - math.fsum(self.pmf_terms(count - 1)))

    def quantile(self, level: float) -> int:
        """The smallest k with P(Y ≤ k) ≥ level."""
        total, k = 0.0, 0
        m = max(self.mean, 1e-12)
        term_list = self.pmf_terms(int(m + 20 * math.sqrt(self.variance + 1) + 20))
        for k, term in enumerate(term_list):
            total += term
            if total >= level:
                return k
        return k


def predictive(
    history: Sequence[int], history_seasons: Sequence[float], seasons: Sequence[float]
) -> Predictive:
    """The predictive of the sum of the counts in months with seasonal factors `seasons`, given
    the history (counts and their months' factors)."""
    shape = PRIOR_SHAPE + sum(history)
    rate = PRIOR_RATE + sum(history_seasons)
    level = shape / rate if rate > 0 else 0.0
    phi = 1.0
    n = len(history)
    if n > 1 and level > 0:
        pearson = sum(
            (h - level * s) ** 2 / (level * s)
            for h, s in zip(history, history_seasons, strict=True)
            if s > 0
        )
        phi = max(1.0, pearson / (n - 1))
    span = sum(seasons)
    mean = level * span
    variance = phi * mean * (1 + (span / rate if rate > 0 else 0.0))
    return Predictive(mean, variance)


@dataclass(frozen=True)
class Judgement:
    """One test of one month: the counts in `months` (1 or 2) against the usual."""

    months: int
    count: int
    expected: float
    usual_low: int
    usual_high: int
    limit: int  # the upper prediction limit: more than this is unusual
    alpha: float
    probability: float  # P(at least `count` | usual)
    sparse: bool

    @property
    def unusual(self) -> bool:
        return self.count > self.limit and self.count >= MIN_COUNT

    @property
    def surprise(self) -> float:
        """How far beyond its own α (larger = more surprising), for ordering alerts."""
        return math.log(self.alpha / max(self.probability, 1e-300))


def _judge(
    history: Sequence[int],
    history_seasons: Sequence[float],
    observed: Sequence[int],
    seasons: Sequence[float],
    alpha: float,
) -> Judgement:
    dist = predictive(history, history_seasons, seasons)
    count = sum(observed)
    limit = dist.quantile(1 - alpha)
    doubled = Predictive(2 * dist.mean, 2 * dist.mean + (dist.variance - dist.mean))
    power = doubled.tail(max(limit + 1, MIN_COUNT))
    return Judgement(
        months=len(observed),
        count=count,
        expected=dist.mean,
        usual_low=dist.quantile(USUAL_QUANTILES[0]),
        usual_high=dist.quantile(USUAL_QUANTILES[1]),
        limit=limit,
        alpha=alpha,
        probability=dist.tail(count),
        sparse=power < SPARSE_POWER,
    )


def season_of(first_month: int, index: int, seasonal: Sequence[float]) -> float:
    """The seasonal factor of the series' month `index` (month 0 is calendar `first_month`)."""
    return seasonal[(first_month - 1 + index) % 12]


def judge_month(
    series: Sequence[int], first_month: int, index: int, seasonal: Sequence[float]
) -> Judgement | None:
    """Judge month `index` of `series` (consecutive monthly counts, month 0 in calendar month
    `first_month`) by both tests against the history before it: the more surprising unusual
    test, or None when neither is unusual (or the history is too short). A month still running
    may be judged too: counts only grow, so above the limit already is above it for good."""
    seasons = [season_of(first_month, i, seasonal) for i in range(index + 1)]
    found = []
    for width, alpha in ((1, ALPHA_ONE), (2, ALPHA_TWO)):
        window = _window(series, seasons, index, width)
        if window is None:
            return None
        history, history_seasons, observed, observed_seasons = window
        count = sum(observed)
        if count < MIN_COUNT:
            continue
        dist = predictive(history, history_seasons, observed_seasons)
        if dist.tail(count) <= alpha:  # cheap first: the full judgement only for an alert
            found.append(_judge(history, history_seasons, observed, observed_seasons, alpha))
    if not found:
        return None
    # The month alone when it is unusual by itself: "40 i oktober" says more than "40 i
    # september–oktober", and the two-month test is for rises no single month shows.
    chosen = found[0] if found[0].months == 1 else max(found, key=lambda j: j.surprise)
    # "Sparse" is about a sustained doubling, which the two-month test is the one to see.
    window = _window(series, seasons, index, 2)
    if window is not None and chosen.months == 1:
        history, history_seasons, observed, observed_seasons = window
        two = _judge(history, history_seasons, observed, observed_seasons, ALPHA_TWO)
        chosen = replace(chosen, sparse=two.sparse)
    return chosen


Window = tuple[Sequence[int], Sequence[float], Sequence[int], Sequence[float]]


def _window(
    series: Sequence[int], seasons: Sequence[float], index: int, width: int
) -> Window | None:
    """(history, its seasons, observed, their seasons) for a test of `width` months ending at
    `index`; None when fewer than MIN_HISTORY months precede it."""
    start = index - width + 1
    first = max(0, start - HISTORY_MONTHS)
    if start - first < MIN_HISTORY:
        return None
    end = index + 1
    return series[first:start], seasons[first:start], series[start:end], seasons[start:end]


def is_unusual(
    series: Sequence[int], first_month: int, index: int, seasonal: Sequence[float]
) -> bool:
    """Whether month `index` raises an alert."""
    return judge_month(series, first_month, index, seasonal) is not None


def seasonal_factors(totals: Mapping[tuple[int, int], int]) -> list[float]:
    """Twelve factors (mean 1) from a pooled monthly series {(year, month): count}: each
    calendar month's mean over the years, shrunk towards the overall mean, so a quiet year or a
    month seen once does not make a season."""
    if not totals:
        return [1.0] * 12
    overall = sum(totals.values()) / len(totals)
    if overall <= 0:
        return [1.0] * 12
    raw = []
    for month in range(1, 13):
        values = [v for (_y, m), v in totals.items() if m == month]
        k = SEASON_PSEUDO_YEARS
        raw.append((sum(values) + k * overall) / ((len(values) + k) * overall))
    mean = sum(raw) / 12
    return [r / mean for r in raw]


NBSP = "\u00a0"


def fmt_int(value: float) -> str:
    """1 234 (as dashboard.formatting, which models/ may not import)."""
    return f"{round(value):,}".replace(",", NBSP)


def _percent(value: float) -> str:
    """0.996 → "99,6 %"; whole percents without decimals."""
    text = f"{value * 100:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + NBSP + "%"


def _chance(probability: float) -> str:
    if probability < 0.001:
        return f"under 0,1{NBSP}%"
    return _percent(round(probability, 3))


def sentence(subject: str, place: str, j: Judgement, year: int, month: int, running: bool) -> str:
    """The alert in Swedish: what is unusual, against what, and how sure it is. `subject` is
    the milieu ("Vit makt-miljön"), `place` the council or police area; `month` is the latest
    month of the test's window. A sparse series says that only large spikes can be seen."""
    name = MONTH_NAMES[month - 1]
    if j.months == 2:
        before = MONTH_NAMES[(month - 2) % 12]
        when = f"{before}–{name} {year}" if month > 1 else f"{before} {year - 1}–{name} {year}"
        usual = f"normalt {j.usual_low}–{j.usual_high} på två månader"
    else:
        when = f"{name} {year}"
        usual = f"normalt {j.usual_low}–{j.usual_high}"
    so_far = " hittills (månaden pågår)" if running else ""
    noun = "händelse" if j.count == 1 else "händelser"
    text = (
        f"{subject} i {place}: {fmt_int(j.count)} {noun} i {when}{so_far}, {usual} "
        f"({_percent(1 - j.alpha)}-gräns {j.limit}). Så många eller fler inträffar vid normalt "
        f"läge med sannolikheten {_chance(j.probability)}."
    )
    if j.sparse:
        per_month = j.expected / j.months
        level = "under 1" if per_month < 1 else f"omkring {fmt_int(per_month)}"
        text += (
            f" Serien är gles (normalt {level} i månaden): bara stora toppar kan upptäckas, "
            "en fördubbling syns oftast inte."
        )
    return text
