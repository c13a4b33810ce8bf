"""Charts drawn as self-contained SVG: the same markup on the page and in print.

score_chart_svg(title=..., points=[ChartPoint(...)], y_min=0, y_max=27, ...)  -> str
ratings_chart_svg(series=[RatingSeries(label, (RatingPoint(...), ...))], levels={1: ...}) -> str
"""

from .data import ChartBand, ChartPoint, ChartTarget
from .ratings_chart import MAX_SERIES, RatingPoint, RatingSeries, ratings_chart_svg
from .score_chart import describe, score_chart_svg

__all__ = [
    "MAX_SERIES",
    "ChartBand",
    "ChartPoint",
    "ChartTarget",
    "RatingPoint",
    "RatingSeries",
    "describe",
    "ratings_chart_svg",
    "score_chart_svg",
]
