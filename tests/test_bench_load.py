"""bench/load.py's arithmetic and its JSON line: the figures it reports mean what they say."""

import json

from bench.load import Sample, percentile, result_line, summarize


def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [40.0, 10.0, 30.0, 20.0]  # unsorted on purpose
    assert percentile(values, 0) == 10.0
    assert percentile(values, 50) == 25.0
    assert percentile(values, 100) == 40.0
    assert percentile(values, 95) == 38.5
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 95) == 0.0


def test_rate_counts_answers_inside_the_window_latency_counts_all() -> None:
    samples = [
        Sample("GET dashboard", started=0.0, elapsed=0.5),
        Sample("GET plan", started=1.0, elapsed=0.5, error="500"),
        Sample("GET plan", started=1.5, elapsed=1.0),  # answered after the window
    ]
    summary = summarize(samples, start=0.0, until=2.0)
    assert summary.requests == 2
    assert summary.per_second == 1.0
    assert summary.p50_ms == 500.0
    assert summary.errors == {"GET plan 500": 1}


def test_json_line_has_the_issue_keys_and_the_ratio_of_rates() -> None:
    load = summarize([Sample("GET plan", 0.0, 0.1)] * 50, 0.0, 1.0)
    baseline = summarize([Sample("GET one-query", 0.0, 0.01)] * 200, 0.0, 1.0)
    line = json.loads(result_line(load, baseline, lost=0, database="sqlite", seconds=30))
    assert line["name"] == "load"
    assert line["unit"] == "requests/s"
    assert (line["value"], line["baseline"], line["ratio"]) == (50.0, 200.0, 4.0)
    assert (line["errors"], line["lost"], line["database"]) == (0, 0, "sqlite")
    assert line["p95_ms"] == 100.0
