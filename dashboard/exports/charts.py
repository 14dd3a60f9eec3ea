"""Plotly figures as PNG for the Word reports, drawn by kaleido in the system's Chromium.

Starting the browser costs seconds and each image a tenth of one, so a report draws all its
charts in one browser session (`render`), started for the report and closed after it. Each call
has its own browser and event loop (in a thread of its own), so two reports built at the same
time never share kaleido's process-wide server. Without a browser, or when drawing fails, the
images come back as None and the report prints the charts' figures as tables instead.
"""

import asyncio
import logging
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

WIDTH_PX = 900  # drawn at twice this (scale 2) for a sharp 16 cm picture
SCALE = 2
TIMEOUT_S = 60.0
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class Chart:
    figure: dict[str, Any]
    width: int = WIDTH_PX

    @property
    def height(self) -> int:
        return int(self.figure.get("layout", {}).get("height") or 340)


def browser_path() -> str | None:
    """BROWSER_PATH (kaleido's own variable) if it names a program, else a Chromium on PATH."""
    configured = os.environ.get("BROWSER_PATH", "")
    if configured and Path(configured).is_file():
        return configured
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def available() -> bool:
    if browser_path() is None:
        return False
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return True


async def _draw(
    charts: Sequence[Chart], path: str, progress: Callable[[int], None]
) -> list[bytes | None]:
    import kaleido

    images: list[bytes | None] = []
    # mathjax=False: kaleido would otherwise fetch MathJax from a CDN (offline here).
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT_S, mathjax=False, path=path) as k:
        for i, chart in enumerate(charts):
            opts = {"format": "png", "width": chart.width, "height": chart.height, "scale": SCALE}
            try:
                images.append(await k.calc_fig(chart.figure, opts=opts))
            except Exception:  # this chart becomes a table; the others are still drawn
                log.exception("kaleido could not draw chart %d", i + 1)
                images.append(None)
            progress(i + 1)
    return images


def render(
    charts: Sequence[Chart], progress: Callable[[int], None] | None = None
) -> list[bytes | None]:
    """PNG bytes per chart, or None for every chart when they cannot be drawn here."""
    if not charts:
        return []
    path = browser_path()
    if path is None or not available():
        log.warning("No browser for kaleido: the report's charts become tables")
        return [None] * len(charts)
    result: list[list[bytes | None]] = []

    def run() -> None:
        try:
            result.append(asyncio.run(_draw(charts, path, progress or (lambda _n: None))))
        except Exception:  # a missing library, a crashed browser: the report goes on
            log.exception("kaleido could not draw the report's charts")

    thread = threading.Thread(target=run, name="kaleido-report", daemon=True)
    thread.start()
    thread.join(TIMEOUT_S * 2)
    return result[0] if result else [None] * len(charts)
