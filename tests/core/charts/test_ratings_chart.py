"""The progress-ratings chart: one line per goal, the scale's words on the value axis,
accessible, escaped, deterministic; parsed back and checked by structure and geometry."""

from __future__ import annotations

import datetime
import itertools
import xml.etree.ElementTree as ET

import pytest

from trellis.core.charts import MAX_SERIES, RatingPoint, RatingSeries, ratings_chart_svg
from trellis.core.charts.ratings_chart import describe_ratings

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date
LEVELS = {1: "Worse", 2: "No change", 3: "Some progress", 4: "Good progress", 5: "Goal met"}
MOOD = RatingSeries(
    "Mood lifts enough to work",
    (RatingPoint(D(2026, 1, 5), 2), RatingPoint(D(2026, 1, 19), 3), RatingPoint(D(2026, 2, 2), 4)),
)
SLEEP = RatingSeries(
    "Sleeps through most nights",
    (RatingPoint(D(2026, 1, 5), 1), RatingPoint(D(2026, 2, 2), 3)),
)


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own output, parsed to check it


def chart(*series: RatingSeries, **options: object) -> ET.Element:
    return parse(ratings_chart_svg(series=series, levels=LEVELS, **options))  # type: ignore[arg-type]


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    found = root.find(f".//*[@id='{element_id}']")
    assert found is not None, f"no element with id {element_id}"
    return found


def markers(root: ET.Element, goal: int) -> list[ET.Element]:
    return [el for el in by_id(root, f"ratings-goal-{goal}") if el.find(f"{SVG}title") is not None]


def centre(marker: ET.Element) -> tuple[float, float]:
    if "cx" in marker.attrib:
        return float(marker.attrib["cx"]), float(marker.attrib["cy"])
    if marker.tag == f"{SVG}rect":
        half = float(marker.attrib["width"]) / 2
        return float(marker.attrib["x"]) + half, float(marker.attrib["y"]) + half
    corners = [tuple(map(float, pair.split(","))) for pair in marker.attrib["points"].split()]
    return corners[0][0], sum(y for _, y in corners) / len(corners)


def shape(marker: ET.Element) -> tuple[object, ...]:
    """What a marker looks like, wherever it is: its element, fill, and corners from centre."""
    x, y = centre(marker)
    corners = [
        tuple(map(float, pair.split(","))) for pair in marker.attrib.get("points", "").split()
    ]
    relative = tuple(sorted((round(cx - x), round(cy - y)) for cx, cy in corners))
    return marker.tag, marker.attrib.get("fill") == "#ffffff", relative


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


# --- accessibility ---------------------------------------------------------------------


def test_root_is_an_accessible_image_titled_and_described() -> None:
    root = chart(MOOD, SLEEP, chart_id="goal-ratings")
    assert root.tag == f"{SVG}svg"
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "goal-ratings-title goal-ratings-desc"
    assert by_id(root, "goal-ratings-title").text == "Progress ratings per goal"
    assert by_id(root, "goal-ratings-desc").tag == f"{SVG}desc"


def test_desc_summarises_each_goal_in_words() -> None:
    assert describe_ratings([MOOD, SLEEP], LEVELS) == (
        "Progress ratings of 2 goals over 3 sessions (2026-01-05 to 2026-02-02), on a scale "
        "from 1 (Worse) to 5 (Goal met). Mood lifts enough to work: 3 ratings, first 2 "
        "(No change) on 2026-01-05, latest 4 (Good progress) on 2026-02-02. Sleeps through "
        "most nights: 2 ratings, first 1 (Worse) on 2026-01-05, latest 3 (Some progress) on "
        "2026-02-02."
    )


def test_each_marker_has_a_tooltip_naming_goal_date_and_words() -> None:
    tips = [m.findtext(f"{SVG}title") for m in markers(chart(MOOD), 1)]
    assert tips == [
        "Mood lifts enough to work, 2026-01-05: 2 (No change)",
        "Mood lifts enough to work, 2026-01-19: 3 (Some progress)",
        "Mood lifts enough to work, 2026-02-02: 4 (Good progress)",
    ]


def test_the_value_axis_reads_the_scale_in_words() -> None:
    labels = [el.text for el in by_id(chart(MOOD), "ratings-y-axis").iter(f"{SVG}text")]
    assert labels == ["1 Worse", "2 No change", "3 Some progress", "4 Good progress", "5 Goal met"]


# --- structure and placement -------------------------------------------------------------


def test_one_line_per_goal_each_with_its_own_colour_dash_and_marker() -> None:
    six = [
        RatingSeries(f"Goal {n}", (RatingPoint(D(2026, 1, 5), 2), RatingPoint(D(2026, 2, 2), 4)))
        for n in range(MAX_SERIES)
    ]
    root = chart(*six)
    lines = [by_id(root, f"ratings-goal-{n + 1}").find(f"{SVG}polyline") for n in range(6)]
    assert all(line is not None for line in lines)
    colours = {line.attrib["stroke"] for line in lines if line is not None}
    dashes = {line.attrib.get("stroke-dasharray", "solid") for line in lines if line is not None}
    shapes = {shape(markers(root, n + 1)[0]) for n in range(6)}
    assert len(colours) == len(dashes) == len(shapes) == MAX_SERIES


def test_ratings_map_upward_and_dates_rightward() -> None:
    xs_ys = [centre(m) for m in markers(chart(MOOD), 1)]
    xs, ys = [x for x, _ in xs_ys], [y for _, y in xs_ys]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)
    assert (xs[1] - xs[0]) == pytest.approx(xs[2] - xs[1], abs=0.2)  # 14 days each


def test_a_rating_sits_on_its_level_row_whatever_the_goal() -> None:
    axis = by_id(chart(MOOD, SLEEP), "ratings-y-axis")
    rows = {int((el.text or "0")[0]): float(el.attrib["y"]) - 3.5 for el in axis.iter(f"{SVG}text")}
    root = chart(MOOD, SLEEP)
    (_, mood_start), (_, sleep_start) = centre(markers(root, 1)[0]), centre(markers(root, 2)[0])
    assert mood_start == pytest.approx(rows[2], abs=3)
    assert sleep_start == pytest.approx(rows[1], abs=3)


def test_two_goals_rated_the_same_are_nudged_apart_not_hidden() -> None:
    twin = RatingSeries("Twin", MOOD.points)
    root = chart(MOOD, twin)
    first, second = centre(markers(root, 1)[0]), centre(markers(root, 2)[0])
    assert first[0] == second[0] and first[1] != second[1]
    assert abs(first[1] - second[1]) < 4


def test_points_given_out_of_order_are_drawn_in_date_order() -> None:
    shuffled = RatingSeries(MOOD.label, (MOOD.points[2], MOOD.points[0], MOOD.points[1]))
    assert ET.tostring(chart(shuffled)) == ET.tostring(chart(MOOD))


def test_the_legend_names_every_goal_drawn() -> None:
    legend = [el.text for el in by_id(chart(MOOD, SLEEP), "ratings-legend").iter(f"{SVG}text")]
    assert legend == ["Mood lifts enough to work", "Sleeps through most nights"]


def test_long_goal_statements_are_cut_short_in_the_legend_only() -> None:
    long = RatingSeries("Returns to work " + "and keeps going " * 10, MOOD.points)
    root = chart(long)
    (label,) = by_id(root, "ratings-legend").iter(f"{SVG}text")
    assert label.text is not None and label.text.endswith("\u2026") and len(label.text) < 60
    assert long.label in (by_id(root, "ratings-desc").text or "")


def test_beyond_six_goals_the_first_six_are_drawn_and_the_rest_counted() -> None:
    many = [RatingSeries(f"Goal {n}", (RatingPoint(D(2026, 1, 5), 3),)) for n in range(8)]
    root = chart(*many)
    assert root.find(".//*[@id='ratings-goal-6']") is not None
    assert root.find(".//*[@id='ratings-goal-7']") is None
    assert "+2 more goals: see the table" in texts(root)
    assert (by_id(root, "ratings-desc").text or "").endswith("2 more goals are not drawn.")


def test_the_legend_adds_to_the_height_so_nothing_is_cut_off() -> None:
    one, five = chart(MOOD), chart(*[MOOD] * 5)
    assert int(five.attrib["height"]) > int(one.attrib["height"]) > 240
    assert five.attrib["viewBox"] == f"0 0 640 {five.attrib['height']}"
    bottom = max(float(el.attrib["y"]) for el in five.iter(f"{SVG}text"))
    assert bottom < int(five.attrib["height"])


# --- empty state ---------------------------------------------------------------------------


def test_no_ratings_draws_the_scale_and_says_so() -> None:
    for root in (chart(), chart(RatingSeries("Not rated yet", ()))):
        assert "No progress ratings yet" in texts(root)
        assert root.find(".//*[@id='ratings-lines']") is None
        assert (by_id(root, "ratings-desc").text or "").startswith("No progress ratings yet.")
        assert len(list(by_id(root, "ratings-y-axis").iter(f"{SVG}text"))) == 5


def test_a_single_session_is_centred_without_lines() -> None:
    root = chart(RatingSeries("Once", (RatingPoint(D(2026, 1, 5), 3),)))
    assert root.find(f".//{SVG}polyline") is None
    x, _ = centre(markers(root, 1)[0])
    assert 250 < x < 450


# --- escaping and markup -------------------------------------------------------------------


def test_every_user_string_is_escaped() -> None:
    nasty = '<script>alert("x")</script> & co'
    markup = ratings_chart_svg(
        title=nasty, series=[RatingSeries(nasty, MOOD.points)], levels={**LEVELS, 3: nasty}
    )
    assert "<script" not in markup
    root = parse(markup)
    assert by_id(root, "ratings-title").text == nasty
    assert nasty in (by_id(root, "ratings-desc").text or "")
    assert markers(root, 1)[0].findtext(f"{SVG}title") == f"{nasty}, 2026-01-05: 2 (No change)"
    assert root.find(f".//{SVG}script") is None


def test_no_script_styles_or_external_references() -> None:
    markup = ratings_chart_svg(series=[MOOD, SLEEP], levels=LEVELS)
    for forbidden in ("<script", "<style", "href", "class=", "url(", "<foreignObject"):
        assert forbidden not in markup


def test_same_input_same_bytes() -> None:
    first = ratings_chart_svg(series=[MOOD, SLEEP], levels=LEVELS)
    assert all(ratings_chart_svg(series=[MOOD, SLEEP], levels=LEVELS) == first for _ in range(3))


@pytest.mark.parametrize(
    ("series", "levels", "message"),
    [
        ([RatingSeries("x", (RatingPoint(D(2026, 1, 5), 6),))], LEVELS, "not a rating"),
        ([], {}, "levels"),
        ([], {1: "a", 3: "c"}, "consecutive"),
    ],
)
def test_ratings_off_the_scale_and_broken_scales_are_refused(
    series: list[RatingSeries], levels: dict[int, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ratings_chart_svg(series=series, levels=levels)


def test_chart_id_must_be_a_plain_xml_id() -> None:
    with pytest.raises(ValueError, match="chart_id"):
        ratings_chart_svg(series=[], levels=LEVELS, chart_id='a" onload="x')


def test_ids_are_prefixed_so_two_charts_can_share_a_page() -> None:
    ids = [el.attrib["id"] for el in chart(MOOD, chart_id="print-r").iter() if "id" in el.attrib]
    assert ids and all(i.startswith("print-r-") for i in ids)
    assert len(ids) == len(set(ids))


def test_every_element_stays_inside_the_canvas() -> None:
    many = [
        RatingSeries(f"Goal {n} " * 8, tuple(RatingPoint(D(2026, 1, 5 + 7 * w), 1 + (w + n) % 5)
                                             for w in range(4)))
        for n in range(8)
    ]  # fmt: skip
    root = chart(*many, width=360)
    width, height = int(root.attrib["width"]), int(root.attrib["height"])
    for el in root.iter():
        for x_key, y_key in (("x", "y"), ("cx", "cy"), ("x1", "y1"), ("x2", "y2")):
            if x_key in el.attrib:
                assert 0 <= float(el.attrib[x_key]) <= width
                assert 0 <= float(el.attrib[y_key]) <= height
    for earlier, later in itertools.pairwise(sorted(
        float(el.attrib["y"]) for el in by_id(root, "ratings-legend").iter(f"{SVG}text")
    )):  # fmt: skip
        assert later - earlier >= 10 or later == earlier
