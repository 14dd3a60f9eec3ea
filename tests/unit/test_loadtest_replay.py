"""`make loadtest`'s replay: requests the browser sent together are replayed together and the
rest after them, a user's actions include one status update in ten, static files are not
replayed, and the summary ends in the lines the issue asks for. No browser, no locust."""

import json
import re

from bench.replay import (
    OVERVIEW,
    PAGE_VIEWS,
    STATUS_UPDATE,
    UPDATE_EVERY,
    Figures,
    Recorded,
    action,
    is_replayed,
    summary_lines,
    waves,
)


def req(path: str, start: float, end: float, output: str = "") -> Recorded:
    body = json.dumps({"output": output}) if output else None
    return Recorded("POST" if body else "GET", path, body, {}, start, end)


# Översikt's first load as Chromium recorded it (ms): the document, Dash's layout and
# dependencies together, the router's two callbacks together, then the page's seven callbacks
# together (the answers came back in another order than the requests left).
OVERVIEW_LOAD = [
    req("/", 0.0, 35.1),
    req("/_dash-layout", 869.2, 884.5),
    req("/_dash-dependencies", 870.8, 901.3),
    req("/_dash-update-component?endId=a", 953.7, 975.6, "..page.children..."),
    req("/_dash-update-component?endId=a", 956.6, 1019.5, "url.href"),
    *(
        req("/_dash-update-component?endId=a", start, end, f"cb{n}")
        for n, (start, end) in enumerate(
            [
                (1115.4, 1336.8),
                (1119.8, 1508.5),
                (1127.7, 1255.2),
                (1140.3, 1394.7),
                (1140.6, 1509.0),
                (1154.5, 1337.7),
                (1156.3, 1510.9),
            ]
        )
    ),
]


def test_requests_in_flight_together_form_one_wave_and_later_ones_wait() -> None:
    shuffled = OVERVIEW_LOAD[::-1]  # the order of the recording does not matter, the clock does
    grouped = waves(shuffled)
    assert [len(w) for w in grouped] == [1, 2, 2, 7]
    assert grouped[0][0].path == "/"
    assert {r.path for r in grouped[1]} == {"/_dash-layout", "/_dash-dependencies"}


def test_a_request_sent_after_an_answer_arrived_waits_for_its_whole_wave() -> None:
    # b left after a's answer: the browser may have sent it because of that answer.
    a, b, c = req("/x", 0, 10), req("/y", 5, 50), req("/z", 12, 20)
    assert waves([a, b, c]) == [[a, b], [c]]


def test_one_action_in_ten_is_a_status_update_and_every_view_comes_round() -> None:
    for phase in range(UPDATE_EVERY):
        actions = [action(n, phase) for n in range(1, 202)]
        assert actions[0] == OVERVIEW  # where a user lands after logging in
        for start in range(1, 192):  # any ten actions after the first hold one update
            assert actions[start : start + 10].count(STATUS_UPDATE) == 1
        views = [a for a in actions if a != STATUS_UPDATE]
        assert views == [PAGE_VIEWS[i % len(PAGE_VIEWS)] for i in range(len(views))]  # in turn


def test_static_files_are_not_replayed_but_the_document_and_dash_calls_are() -> None:
    assert is_replayed("/", "document")
    assert is_replayed("/namnd/N001", "document")
    assert is_replayed("/_dash-layout", "fetch")
    assert is_replayed("/_dash-update-component?endId=x", "fetch")
    assert not is_replayed("/_dash-component-suites/dash/dcc/async-graph.js", "script")
    assert not is_replayed("/assets/lagesbild.js?m=1", "script")
    assert not is_replayed("/static/css/bootstrap.min.css", "stylesheet")
    assert not is_replayed("/_favicon.ico?v=4.4.1", "other")


def test_a_callback_is_named_by_its_outputs_in_the_stats() -> None:
    assert OVERVIEW_LOAD[4].label() == "callback url.href"
    assert OVERVIEW_LOAD[1].label() == "GET /_dash-layout"


def test_the_summary_ends_with_all_requests_then_one_line_per_page_view() -> None:
    lines = summary_lines(
        Figures(4321, 0, 22.4, 260.0, 21.83),
        [(OVERVIEW, Figures(18, 0, 100, 800)), ("Nämnd", Figures(9, 1, 170, 710))],
        {"status_updates": 5, "conflicts_409": 0},
    )
    assert lines == [
        "requests=4321 errors=0 p50_ms=22 p95_ms=260 rps=21.8 status_updates=5 conflicts_409=0",
        "page=Översikt requests=18 errors=0 p50_ms=100 p95_ms=800",
        "page=Nämnd requests=9 errors=1 p50_ms=170 p95_ms=710",
    ]
    pattern = r"requests=\d+ errors=\d+ p50_ms=\d+ p95_ms=\d+"
    assert all(re.search(pattern, line) for line in lines)
