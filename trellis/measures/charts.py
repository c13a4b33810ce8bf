"""A client's scores on one instrument drawn as SVG, the same on the page and in print."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from trellis.core.charts import ChartBand, ChartPoint, ChartTarget, score_chart_svg
from trellis.measures.selectors import InstrumentHistory


def history_chart(history: InstrumentHistory, targets: Sequence[ChartTarget] = ()) -> SafeString:
    points = [
        ChartPoint(
            timezone.localdate(row.administration.administered_at),
            row.administration.total,
            row.administration.severity or None,
        )
        for row in history.rows
    ]
    instrument = history.instrument
    if instrument is not None:
        low, high = instrument.min_score, instrument.max_score
        bands = [ChartBand(b.min, b.max, b.label) for b in instrument.bands]
        better = instrument.higher_is_better
    else:
        low, high = 0.0, max((p.value for p in points), default=0.0) or 1.0
        bands, better = [], False
    svg = score_chart_svg(
        title=f"{history.name} ({history.instrument_id}) scores over time",
        points=points,
        y_min=low,
        y_max=high,
        bands=bands,
        targets=targets,
        higher_is_better=better,
        chart_id=f"chart-{slugify(history.instrument_id)}",
    )
    return mark_safe(svg)  # noqa: S308 - built by score_chart_svg, which escapes every text
