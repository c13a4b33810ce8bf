"""Charts drawn as self-contained SVG: the same markup on the page, in print and in PDFs.

score_chart_svg(title=..., points=[ChartPoint(...)], y_min=0, y_max=27, ...)  -> str
"""

from .data import ChartBand, ChartPoint, ChartTarget
from .score_chart import describe, score_chart_svg

__all__ = ["ChartBand", "ChartPoint", "ChartTarget", "describe", "score_chart_svg"]
