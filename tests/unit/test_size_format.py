"""formatting.fmt_size: the size a 413 names, next to the cap it went over."""

import pytest

from dashboard.formatting import NBSP, fmt_size

MB, KB = 1024 * 1024, 1024


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (2 * MB, "2 MB"),
        (int(2.4 * MB), "2,4 MB"),
        (2 * MB + 1, "2,1 MB"),  # rounded up: just over a 2 MB cap never reads "2 MB"
        (40 * MB, "40 MB"),
        (64 * KB, "64 kB"),
        (64 * KB + 1, "64,1 kB"),
        (512 * KB, "512 kB"),
    ],
)
def test_a_size_has_one_decimal_with_a_comma(size: int, shown: str) -> None:
    assert fmt_size(size) == shown.replace(" ", NBSP)
