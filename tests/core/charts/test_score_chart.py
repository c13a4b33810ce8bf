"""The score chart: accessible, escaped, placed by date and value, deterministic SVG.

Charts are parsed back with ElementTree and checked by structure and geometry, never by
comparing markup strings (except for determinism).
"""

from __future__ import annotations

import colorsys
import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.charts import ChartBand, ChartPoint, ChartTarget, score_chart_svg
from trellis.core.charts.ticks import date_ticks, value_ticks

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date

PHQ9_BANDS = (
    ChartBand(0, 4, "Minimal"),
    ChartBand(5, 9, "Mild"),
    ChartBand(10, 14, "Moderate"),
    ChartBand(15, 19, "Moderately severe"),
    ChartBand(20, 27, "Severe"),
)
COURSE = (
    ChartPoint(D(2026, 1, 5), 18, "Moderately severe"),
    ChartPoint(D(2026, 1, 19), 16, "Moderately severe"),
    ChartPoint(D(2026, 2, 2), 13, "Moderate"),
    ChartPoint(D(2026, 2, 16), 14, "Moderate"),
    ChartPoint(D(2026, 3, 2), 9, "Mild"),
)


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own output, parsed to check it


def phq9(**overrides: object) -> ET.Element:
    arguments: dict[str, object] = {
        "title": "PHQ-9",
        "points": COURSE,
        "y_min": 0,
        "y_max": 27,
        "bands": PHQ9_BANDS,
    }
    arguments.update(overrides)
    return parse(score_chart_svg(**arguments))  # type: ignore[arg-type]


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    found = root.find(f".//*[@id='{element_id}']")
    assert found is not None, f"no element with id {element_id}"
    return found


def circles(root: ET.Element, chart_id: str = "chart") -> list[ET.Element]:
    return list(by_id(root, f"{chart_id}-points").iter(f"{SVG}circle"))


def cx(circle: ET.Element) -> float:
    return float(circle.attrib["cx"])


def cy(circle: ET.Element) -> float:
    return float(circle.attrib["cy"])


def plot_box(root: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the plot, read off the two axis lines."""
    y_axis = list(by_id(root, "chart-y-axis").iter(f"{SVG}line"))[-1]
    x_axis = next(by_id(root, "chart-x-axis").iter(f"{SVG}line"))
    return (
        float(y_axis.attrib["x1"]),
        float(y_axis.attrib["y1"]),
        float(x_axis.attrib["x2"]),
        float(x_axis.attrib["y1"]),
    )


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


# --- accessibility ---------------------------------------------------------------------


def test_root_is_an_accessible_image_titled_and_described() -> None:
    root = phq9(chart_id="phq9-chart")
    assert root.tag == f"{SVG}svg"
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "phq9-chart-title phq9-chart-desc"
    assert root.attrib["viewBox"] == "0 0 640 240"
    assert by_id(root, "phq9-chart-title").tag == f"{SVG}title"
    assert by_id(root, "phq9-chart-title").text == "PHQ-9"
    assert by_id(root, "phq9-chart-desc").tag == f"{SVG}desc"


def test_desc_summarises_the_course_and_the_target_in_words() -> None:
    root = phq9(targets=[ChartTarget(9, "Below 10", D(2026, 3, 30))])
    assert by_id(root, "chart-desc").text == (
        "5 scores from 2026-01-05 to 2026-03-02; first 18 (moderately severe), "
        "latest 9 (mild). Target: 9 (below 10) by 2026-03-30. Lower scores are better."
    )


def test_desc_keeps_acronyms_and_says_when_higher_is_better() -> None:
    points = [ChartPoint(D(2026, 1, 1), 40, "PTSD likely"), ChartPoint(D(2026, 2, 1), 52.5)]
    root = phq9(points=points, y_max=80, bands=(), higher_is_better=True)
    assert by_id(root, "chart-desc").text == (
        "2 scores from 2026-01-01 to 2026-02-01; first 40 (PTSD likely), latest 52.5. "
        "Higher scores are better."
    )


def test_each_marker_has_a_tooltip_with_date_value_and_label() -> None:
    tooltips = [marker.findtext(f"{SVG}title") for marker in circles(phq9())]
    assert tooltips[0] == "2026-01-05: 18 (Moderately severe)"
    assert tooltips[-1] == "2026-03-02: 9 (Mild)"


# --- escaping and markup ---------------------------------------------------------------


def test_every_user_string_is_escaped() -> None:
    nasty = '<script>alert("x")</script> & co'
    markup = score_chart_svg(
        title=nasty,
        points=[ChartPoint(D(2026, 1, 5), 12, nasty), ChartPoint(D(2026, 2, 5), 8)],
        y_min=0,
        y_max=27,
        bands=[ChartBand(0, 27, nasty)],
        targets=[ChartTarget(5, nasty)],
    )
    assert "<script" not in markup
    root = parse(markup)
    assert by_id(root, "chart-title").text == nasty
    assert nasty in (by_id(root, "chart-desc").text or "")
    assert circles(root)[0].findtext(f"{SVG}title") == f"2026-01-05: 12 ({nasty})"
    assert texts(root).count(nasty) == 2  # band label and target label, both in full
    assert root.find(f".//{SVG}script") is None


def test_characters_xml_forbids_are_dropped_so_the_chart_still_parses() -> None:
    root = phq9(title="PHQ\x00-9\x1b")
    assert by_id(root, "chart-title").text == "PHQ-9"


def test_chart_id_must_be_a_plain_xml_id() -> None:
    with pytest.raises(ValueError, match="chart_id"):
        score_chart_svg(title="x", points=(), y_min=0, y_max=1, chart_id='a" onload="x')


def test_no_script_styles_or_external_references() -> None:
    markup = score_chart_svg(title="PHQ-9", points=COURSE, y_min=0, y_max=27, bands=PHQ9_BANDS)
    for forbidden in ("<script", "<style", "href", "class=", "url(", "<foreignObject"):
        assert forbidden not in markup


def test_numbers_are_compact_and_coordinates_have_at_most_one_decimal() -> None:
    markup = score_chart_svg(
        title="PHQ-9",
        points=[ChartPoint(D(2026, 1, 5), 14.0), ChartPoint(D(2026, 1, 12), 13.3333333)],
        y_min=0,
        y_max=27,
        bands=PHQ9_BANDS,
        targets=[ChartTarget(9.5, "Target")],
    )
    assert re.search(r"\d\.\d*0(?!\d)", markup) is None  # no 14.0, no 9.50
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"', markup)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", value) for value in numbers)
    assert "13.33" in markup  # the tooltip keeps two decimals; the geometry keeps one


# --- placement by date and value -------------------------------------------------------


def test_one_marker_per_point_placed_left_to_right_by_date() -> None:
    xs = [cx(marker) for marker in circles(phq9())]
    assert len(xs) == len(COURSE)
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


def test_points_given_out_of_order_are_drawn_in_date_order() -> None:
    shuffled = (COURSE[3], COURSE[0], COURSE[4], COURSE[2], COURSE[1])
    assert ET.tostring(phq9(points=shuffled)) == ET.tostring(phq9())


def test_horizontal_distance_is_proportional_to_days_not_to_index() -> None:
    points = [
        ChartPoint(D(2026, 1, 1), 10),
        ChartPoint(D(2026, 1, 11), 10),  # 10 days later
        ChartPoint(D(2026, 2, 10), 10),  # 30 days after that
    ]
    first, second, third = (cx(marker) for marker in circles(phq9(points=points)))
    assert (third - second) / (second - first) == pytest.approx(3, abs=0.02)


def test_line_joins_the_points_in_date_order() -> None:
    root = phq9()
    line = root.find(f".//{SVG}polyline")
    assert line is not None
    vertices = [tuple(map(float, pair.split(","))) for pair in line.attrib["points"].split()]
    assert vertices == [(cx(marker), cy(marker)) for marker in circles(root)]


def test_values_map_inversely_from_the_bottom_to_the_top_of_the_plot() -> None:
    points = [
        ChartPoint(D(2026, 1, 1), 0),
        ChartPoint(D(2026, 1, 8), 27),
        ChartPoint(D(2026, 1, 15), 13.5),
    ]
    root = phq9(points=points)
    _, top, _, bottom = plot_box(root)
    zero, maximum, middle = (cy(marker) for marker in circles(root))
    assert zero == pytest.approx(bottom)
    assert maximum == pytest.approx(top)
    assert middle == pytest.approx((top + bottom) / 2, abs=0.1)


def test_values_off_the_axis_are_pinned_inside_the_plot_and_drawn_hollow() -> None:
    points = [ChartPoint(D(2026, 1, 1), -3), ChartPoint(D(2026, 1, 8), 40)]
    root = phq9(points=points)
    _, top, _, bottom = plot_box(root)
    low, high = circles(root)
    assert cy(low) == pytest.approx(bottom)
    assert cy(high) == pytest.approx(top)
    assert high.attrib["fill"] == "#ffffff"
    assert high.findtext(f"{SVG}title") == "2026-01-08: 40 (off scale)"
    line = root.find(f".//{SVG}polyline")
    assert line is not None
    ys = [float(pair.split(",")[1]) for pair in line.attrib["points"].split()]
    assert all(top <= y <= bottom for y in ys)


def test_a_single_point_is_centred_without_a_line() -> None:
    root = phq9(points=[ChartPoint(D(2026, 2, 3), 12, "Moderate")])
    left, _, right, _ = plot_box(root)
    (marker,) = circles(root)
    assert cx(marker) == pytest.approx((left + right) / 2, abs=0.1)
    assert root.find(f".//{SVG}polyline") is None
    assert "Feb 3" in texts(root)
    assert by_id(root, "chart-desc").text == (
        "1 score, on 2026-02-03: 12 (moderate). Lower scores are better."
    )


def test_no_points_draws_an_empty_chart_that_says_so() -> None:
    root = phq9(points=[])
    assert root.find(f".//{SVG}circle") is None
    assert root.find(f".//{SVG}polyline") is None
    assert "No scores yet" in texts(root)
    assert by_id(root, "chart-desc").text == "No scores yet. Lower scores are better."
    assert len(list(by_id(root, "chart-bands"))) == len(PHQ9_BANDS)


# --- bands -----------------------------------------------------------------------------


def band_rects(root: ET.Element) -> list[ET.Element]:
    return list(by_id(root, "chart-bands").iter(f"{SVG}rect"))


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_one_shaded_rect_per_band_spanning_the_plot_width() -> None:
    root = phq9()
    left, _, right, _ = plot_box(root)
    rects = band_rects(root)
    assert len(rects) == len(PHQ9_BANDS)
    for rect in rects:
        assert float(rect.attrib["x"]) == pytest.approx(left)
        assert float(rect.attrib["width"]) == pytest.approx(right - left)


def test_bands_run_from_their_min_to_the_next_bands_min_and_stop_at_the_axis() -> None:
    root = phq9(points=[ChartPoint(D(2026, 1, 1), 5), ChartPoint(D(2026, 1, 8), 10)])
    _, top, _, bottom = plot_box(root)
    five, ten = (cy(marker) for marker in circles(root))
    minimal, mild, *_, severe = band_rects(root)
    assert float(minimal.attrib["y"]) + float(minimal.attrib["height"]) == pytest.approx(bottom)
    assert float(minimal.attrib["y"]) == pytest.approx(five)  # 0-4 drawn as [0, 5)
    assert float(mild.attrib["y"]) == pytest.approx(ten)  # 5-9 drawn as [5, 10)
    assert float(severe.attrib["y"]) == pytest.approx(top)  # 20-27 clipped at y_max 27


def test_bands_are_graded_green_to_red_by_severity() -> None:
    fills = [rgb(rect.attrib["fill"]) for rect in band_rects(phq9())]
    least, most = fills[0], fills[-1]
    assert least[1] > least[0]  # greenish
    assert most[0] > most[1]  # reddish
    hues = [colorsys.rgb_to_hls(*(channel / 255 for channel in fill))[0] for fill in fills]
    assert hues == sorted(hues, reverse=True)  # green, yellow, orange, red
    assert all(min(fill) > 190 for fill in fills)  # pale enough to read over


def test_when_higher_is_better_the_lowest_band_is_the_red_one() -> None:
    bands = [ChartBand(0, 28, "Likely depression"), ChartBand(29, 50, "Poor well-being")]
    root = phq9(points=[], y_max=100, bands=bands, higher_is_better=True)
    low, high = (rgb(rect.attrib["fill"]) for rect in band_rects(root))
    assert low[0] > low[1] and high[1] > high[0]


def test_band_labels_sit_right_of_the_plot() -> None:
    root = phq9()
    _, _, right, _ = plot_box(root)
    labels = [el for el in root.iter(f"{SVG}text") if el.text in {b.label for b in PHQ9_BANDS}]
    assert sorted(el.text or "" for el in labels) == sorted(b.label for b in PHQ9_BANDS)
    assert all(float(el.attrib["x"]) > right for el in labels)
    assert all(el.attrib["font-size"] == "10" for el in labels)


def test_a_band_wholly_off_the_axis_is_not_drawn() -> None:
    root = phq9(y_min=5, y_max=14)  # only Mild and Moderate are on this axis
    assert len(band_rects(root)) == 2


# --- targets ---------------------------------------------------------------------------


def test_target_is_a_dashed_horizontal_line_at_its_value_with_its_label() -> None:
    points = [ChartPoint(D(2026, 1, 1), 18), ChartPoint(D(2026, 2, 1), 9)]
    root = phq9(points=points, targets=[ChartTarget(9, "Below 10")])
    targets = by_id(root, "chart-targets")
    (line,) = targets.iter(f"{SVG}line")
    assert "stroke-dasharray" in line.attrib
    assert float(line.attrib["y1"]) == float(line.attrib["y2"]) == cy(circles(root)[1])
    assert [text.text for text in targets.iter(f"{SVG}text")] == ["Below 10"]


def test_labels_of_targets_on_close_lines_never_overlap() -> None:
    """Two targets met at the same score (a goal's and an objective's) stay legible."""
    close = [ChartTarget(9, "Goal: 9 or below"), ChartTarget(9, "Recovery"), ChartTarget(8, "8")]
    root = phq9(targets=close)
    labels = list(by_id(root, "chart-targets").iter(f"{SVG}text"))
    ys = sorted(float(text.attrib["y"]) for text in labels)
    assert [text.text for text in labels] == ["Goal: 9 or below", "Recovery", "8"]
    assert all(later - earlier >= 10 for earlier, later in itertools.pairwise(ys))
    _, top, _, bottom = plot_box(root)
    assert all(top < y < bottom for y in ys)


def test_a_deadline_extends_the_time_axis_and_gets_a_dashed_marker() -> None:
    without = circles(phq9())
    root = phq9(targets=[ChartTarget(9, "Below 10", D(2026, 3, 30))])
    with_deadline = circles(root)
    assert cx(with_deadline[-1]) < cx(without[-1])  # room made for the deadline
    (marker,) = by_id(root, "chart-deadlines").iter(f"{SVG}line")
    assert marker.attrib["x1"] == marker.attrib["x2"]
    assert float(marker.attrib["x1"]) > cx(with_deadline[-1])
    assert "stroke-dasharray" in marker.attrib
    days_after_last = (D(2026, 3, 30) - D(2026, 3, 2)).days
    days_between = (D(2026, 3, 2) - D(2026, 1, 5)).days
    gap = float(marker.attrib["x1"]) - cx(with_deadline[-1])
    span = cx(with_deadline[-1]) - cx(with_deadline[0])
    assert gap / span == pytest.approx(days_after_last / days_between, abs=0.01)
    assert "by Mar 30" in texts(root)


def test_labels_of_close_deadlines_are_pushed_apart_not_printed_over_each_other() -> None:
    close = [ChartTarget(9, "A", D(2026, 3, 28)), ChartTarget(5, "B", D(2026, 4, 2))]
    root = phq9(targets=close)
    markers = [float(m.attrib["x1"]) for m in by_id(root, "chart-deadlines").iter(f"{SVG}line")]
    labels = list(by_id(root, "chart-deadlines").iter(f"{SVG}text"))
    assert [label.text for label in labels] == ["by Mar 28", "by Apr 2"]
    first, second = (float(label.attrib["x"]) for label in labels)
    assert second - first >= len("by Mar 28") * 10 * 0.56  # at least a label's width apart
    assert first <= markers[0] and second >= markers[1]  # each moved away from the other
    assert second + len("by Apr 2") * 10 * 0.56 / 2 <= 640


def test_a_deadline_inside_the_range_does_not_move_the_points() -> None:
    root = phq9(targets=[ChartTarget(9, "Below 10", D(2026, 2, 9))])
    assert [cx(m) for m in circles(root)] == [cx(m) for m in circles(phq9())]
    (marker,) = by_id(root, "chart-deadlines").iter(f"{SVG}line")
    assert cx(circles(root)[2]) < float(marker.attrib["x1"]) < cx(circles(root)[3])


def test_a_deadline_before_the_first_score_gets_no_marker() -> None:
    root = phq9(targets=[ChartTarget(9, "Below 10", D(2025, 12, 1))])
    assert list(by_id(root, "chart-deadlines")) == []
    assert [cx(m) for m in circles(root)] == [cx(m) for m in circles(phq9())]


def test_a_target_off_the_axis_stays_inside_the_plot() -> None:
    root = phq9(targets=[ChartTarget(35, "Unreachable")])
    _, top, _, _ = plot_box(root)
    (line,) = by_id(root, "chart-targets").iter(f"{SVG}line")
    assert float(line.attrib["y1"]) == pytest.approx(top)


# --- axes ------------------------------------------------------------------------------


def test_value_axis_ticks_are_round_steps_within_the_range() -> None:
    labels = [el.text for el in by_id(phq9(), "chart-y-axis").iter(f"{SVG}text")]
    assert labels == ["0", "5", "10", "15", "20", "25"]


@pytest.mark.parametrize(
    ("low", "high", "max_count", "expected"),
    [
        (0, 27, 7, [0, 5, 10, 15, 20, 25]),
        (0, 100, 7, [0, 20, 40, 60, 80, 100]),
        (16, 80, 7, [20, 30, 40, 50, 60, 70, 80]),
        (0, 3, 7, [0, 0.5, 1, 1.5, 2, 2.5, 3]),
        (10, 50, 5, [10, 20, 30, 40, 50]),
    ],
)
def test_value_ticks(low: float, high: float, max_count: int, expected: list[float]) -> None:
    assert value_ticks(low, high, max_count=max_count) == expected


def test_date_ticks_never_crowd_and_name_the_year_where_it_starts_or_changes() -> None:
    start, end = D(2025, 6, 1), D(2026, 9, 1)
    span = (end - start).days

    def x_of(day: datetime.date) -> float:
        return (day - start).days / span * 500

    ticks = date_ticks(start, end, x_of=x_of, min_gap=58)
    positions = [x_of(tick.on) for tick in ticks]
    assert 3 <= len(ticks) <= 9
    assert all(later - earlier >= 58 for earlier, later in itertools.pairwise(positions))
    assert all(tick.on.day == 1 for tick in ticks)  # month starts
    assert [tick.year for tick in ticks if tick.year] == ["2025", "2026"]
    assert ticks[0].year == "2025"


def test_date_ticks_are_mondays_for_a_few_weeks_of_scores() -> None:
    root = phq9()
    labels = [el.text for el in by_id(root, "chart-x-axis").iter(f"{SVG}text")]
    assert labels[:3] == ["Jan 5", "2026", "Jan 12"]
    assert labels[-1] == "Mar 2"
    ticks = [el for el in by_id(root, "chart-x-axis").iter(f"{SVG}text") if el.text != "2026"]
    xs = [float(el.attrib["x"]) for el in ticks]
    assert all(later - earlier >= 58 for earlier, later in itertools.pairwise(xs))
    assert xs[0] == cx(circles(root)[0])  # Jan 5, the first score, is a Monday


# --- inputs and determinism ------------------------------------------------------------


def test_same_input_same_bytes() -> None:
    arguments = {
        "title": "PHQ-9",
        "points": COURSE,
        "y_min": 0,
        "y_max": 27,
        "bands": PHQ9_BANDS,
        "targets": [ChartTarget(9, "Below 10", D(2026, 3, 30))],
    }
    assert score_chart_svg(**arguments) == score_chart_svg(**arguments)  # type: ignore[arg-type]


def test_ids_are_prefixed_so_two_charts_can_share_a_page() -> None:
    first, second = phq9(chart_id="phq9"), phq9(chart_id="gad7")
    first_ids = {el.attrib["id"] for el in first.iter() if "id" in el.attrib}
    second_ids = {el.attrib["id"] for el in second.iter() if "id" in el.attrib}
    assert first_ids.isdisjoint(second_ids)
    assert all(element_id.startswith("phq9-") for element_id in first_ids)


@pytest.mark.parametrize(
    ("y_min", "y_max", "width", "height"),
    [(0, 0, 640, 240), (10, 5, 640, 240), (0, float("inf"), 640, 240), (0, 27, 50, 240)],
)
def test_impossible_frames_are_refused(y_min: float, y_max: float, width: int, height: int) -> None:
    with pytest.raises(ValueError):
        score_chart_svg(title="x", points=(), y_min=y_min, y_max=y_max, width=width, height=height)


def test_a_non_finite_score_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        score_chart_svg(
            title="x", points=[ChartPoint(D(2026, 1, 1), float("nan"))], y_min=0, y_max=27
        )


def test_a_small_chart_still_fits_its_labels() -> None:
    root = phq9(width=320, height=160, title="PHQ-9 depression severity over the course")
    width = 320
    for element in root.iter(f"{SVG}text"):
        assert 0 <= float(element.attrib["x"]) <= width
    assert by_id(root, "chart-title").text == "PHQ-9 depression severity over the course"


# --- any input -------------------------------------------------------------------------

scores = st.builds(
    ChartPoint,
    on=st.dates(D(2000, 1, 1), D(2099, 12, 31)),
    value=st.floats(-1000, 1000, allow_nan=False),
    label=st.one_of(st.none(), st.text(max_size=30)),
)
targets = st.builds(
    ChartTarget,
    value=st.floats(-1000, 1000, allow_nan=False),
    label=st.text(max_size=40),
    deadline=st.one_of(st.none(), st.dates(D(2000, 1, 1), D(2099, 12, 31))),
)


@settings(max_examples=80, deadline=None)
@given(
    points=st.lists(scores, max_size=20),
    goals=st.lists(targets, max_size=3),
    low=st.integers(-50, 50),
    span=st.integers(1, 200),
    title=st.text(max_size=80),
)
def test_any_input_parses_and_stays_inside_the_plot(
    points: list[ChartPoint], goals: list[ChartTarget], low: int, span: int, title: str
) -> None:
    middle = low + span // 2
    bands = [ChartBand(low, middle, "Low"), ChartBand(middle + 1, low + span, "High")]
    root = phq9(title=title, points=points, targets=goals, y_min=low, y_max=low + span, bands=bands)
    left, top, right, bottom = plot_box(root)
    markers = list(root.iter(f"{SVG}circle"))
    assert len(markers) == len(points)
    assert all(left <= cx(m) <= right and top <= cy(m) <= bottom for m in markers)
    for line in by_id(root, "chart-targets").iter(f"{SVG}line"):
        assert top <= float(line.attrib["y1"]) <= bottom


def test_the_plan_start_gets_a_solid_dated_marker_and_is_said_in_words() -> None:
    root = phq9(plan_start=D(2025, 12, 22), targets=[ChartTarget(9, "Below 10", D(2026, 3, 30))])
    (marker,) = by_id(root, "chart-plan-start").iter(f"{SVG}line")
    assert marker.attrib["x1"] == marker.attrib["x2"] and "stroke-dasharray" not in marker.attrib
    points = circles(root)
    assert float(marker.attrib["x1"]) < cx(points[0])  # the axis reaches back to the start
    days_before = (D(2026, 1, 5) - D(2025, 12, 22)).days
    span_days = (D(2026, 3, 2) - D(2026, 1, 5)).days
    gap = cx(points[0]) - float(marker.attrib["x1"])
    assert gap / (cx(points[-1]) - cx(points[0])) == pytest.approx(
        days_before / span_days, abs=0.01
    )
    assert "plan start Dec 22" in texts(root) and "by Mar 30" in texts(root)
    desc = by_id(root, "chart-desc").text or ""
    assert "The plan started on 2025-12-22." in desc
    assert "Target: 9 (below 10) by 2026-03-30." in desc


def test_a_plan_start_beside_a_deadline_keeps_both_labels_apart() -> None:
    root = phq9(plan_start=D(2026, 3, 27), targets=[ChartTarget(9, "A", D(2026, 3, 28))])
    start_label = next(by_id(root, "chart-plan-start").iter(f"{SVG}text"))
    deadline_label = next(by_id(root, "chart-deadlines").iter(f"{SVG}text"))
    width = len("plan start Mar 27") * 10 * 0.56 / 2 + len("by Mar 28") * 10 * 0.56 / 2
    assert float(deadline_label.attrib["x"]) - float(start_label.attrib["x"]) >= width


def test_no_scores_means_no_plan_start_marker() -> None:
    root = phq9(points=(), plan_start=D(2026, 1, 1))
    assert list(by_id(root, "chart-plan-start").iter(f"{SVG}line")) == []
