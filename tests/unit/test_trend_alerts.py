"""The trend-alert method (models.trend_alerts): a clear rise is flagged, an ordinary month
is not, a sparse series says it can see only large spikes, and the season is respected."""

from models import trend_alerts as ta

FLAT = [1.0] * 12


def _steady(level: int, months: int = 24) -> list[int]:
    """A quiet series: the level every month, give or take one."""
    return [level + (i % 3) - 1 for i in range(months)]


def test_a_clear_rise_is_flagged_with_its_usual_range_and_limit() -> None:
    series = [*_steady(5), 16]
    found = ta.judge_month(series, 1, 24, FLAT)
    assert found is not None
    assert found.count == 16 and found.months == 1
    assert found.usual_low <= 5 <= found.usual_high < found.limit < 16
    assert found.probability < ta.ALPHA_ONE
    assert not found.sparse
    text = ta.sentence("Vit makt-miljön", "Bromma", found, 2026, 10, running=False)
    assert text.startswith("Vit makt-miljön i Bromma: 16 händelser i oktober 2026, normalt ")
    assert f"-gräns {found.limit})" in text
    assert "gles" not in text


def test_an_ordinary_month_is_not_flagged() -> None:
    for last in (3, 5, 7, 8):
        assert ta.judge_month([*_steady(5), last], 1, 24, FLAT) is None


def test_two_raised_months_together_are_flagged_when_neither_alone_is() -> None:
    series = [*_steady(5), 10, 10]
    one_alone = ta.judge_month(series[:25], 1, 24, FLAT)
    assert one_alone is None
    found = ta.judge_month(series, 1, 25, FLAT)
    assert found is not None and found.months == 2 and found.count == 20
    text = ta.sentence("Autonoma miljön", "Järva", found, 2026, 2, running=False)
    assert "20 händelser i januari–februari 2026" in text
    assert "på två månader" in text


def test_too_short_a_history_gives_no_judgement() -> None:
    assert ta.judge_month([0] * 5 + [30], 1, 5, FLAT) is None


def test_a_sparse_series_says_only_large_spikes_can_be_seen() -> None:
    series = [*([0, 1, 0, 0, 2, 0] * 4), 6]
    found = ta.judge_month(series, 1, 24, FLAT)
    assert found is not None and found.sparse
    text = ta.sentence("Islamistiska miljön", "Skarpnäck", found, 2026, 3, running=False)
    assert "Serien är gles (normalt under 1 i månaden)" in text
    assert "en fördubbling syns oftast inte" in text
    # A doubling in such a series is not flagged: the text must not pretend otherwise.
    assert ta.judge_month([*series[:24], 2], 1, 24, FLAT) is None


def test_fewer_than_the_minimum_count_is_never_an_alert() -> None:
    assert ta.judge_month([0] * 24 + [ta.MIN_COUNT - 1], 1, 24, FLAT) is None


def test_the_season_is_respected() -> None:
    """December is usually four times as busy as the other months: 13 is ordinary in December
    and unusual in June."""
    raw = [1.0] * 11 + [4.0]
    season = [r * 12 / sum(raw) for r in raw]
    history = [round(3 * season[i % 12] / season[0]) for i in range(35)]  # from January
    assert history[11] == 12 and history[5] == 3
    december = [*history[:35], 13]
    assert ta.season_of(1, 35, season) == season[11]
    assert ta.judge_month(december, 1, 35, season) is None
    june = [*history[:29], 13]
    assert ta.season_of(1, 29, season) == season[5]
    assert ta.judge_month(june, 1, 29, season) is not None


def test_a_running_month_is_worded_as_so_far() -> None:
    found = ta.judge_month([*_steady(5), 16], 1, 24, FLAT)
    assert found is not None
    text = ta.sentence("Oklar miljö", "Farsta", found, 2026, 11, running=True)
    assert "16 händelser i november 2026 hittills (månaden pågår)" in text


def test_seasonal_factors_average_one_and_follow_the_pooled_series() -> None:
    totals = {(y, m): (30 if m == 12 else 10) for y in (2024, 2025) for m in range(1, 13)}
    factors = ta.seasonal_factors(totals)
    assert abs(sum(factors) / 12 - 1) < 1e-9
    assert factors[11] > 2 * factors[0]
    assert ta.seasonal_factors({}) == [1.0] * 12


def test_the_predictive_is_wider_for_a_lumpy_history() -> None:
    calm = ta.predictive([5] * 24, [1.0] * 24, [1.0])
    lumpy = ta.predictive([0, 10] * 12, [1.0] * 24, [1.0])
    assert abs(calm.mean - lumpy.mean) < 1e-9
    assert lumpy.quantile(0.99) > calm.quantile(0.99)
