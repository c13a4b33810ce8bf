"""What a target is judged by, per instrument, for the core's target tests: the numbers
of trellis/data/instruments, written out by hand so a test reads its own boundaries.

NHS Talking Therapies Manual: reliable change GAD-7 4 and PHQ-9 6 points, caseness 8 and
10. WHO-5: 10 points on the 0-100 score (Psychiatric Research Unit, WHO Collaborating
Centre). K10 bands 10-15 low, 16-21 moderate, 22-29 high, 30-50 very high (Andrews & Slade
2001; ABS 2012). DASS-21 depression bands 0-9 normal, 10-13 mild, 14-20 moderate, 21-27
severe, 28+ extremely severe (Lovibond & Lovibond 1995). The K10 and DASS-21 have no
reliable-change figure.
"""

from __future__ import annotations

from dataclasses import replace

from trellis.core.measures.schema import Band
from trellis.core.planning.measure_link import TargetStatistics

GAD7 = TargetStatistics(higher_is_better=False, reliable_change=4, caseness_cutoff=8)
PHQ9 = TargetStatistics(higher_is_better=False, reliable_change=6, caseness_cutoff=10)
WHO5 = TargetStatistics(higher_is_better=True, reliable_change=10, caseness_cutoff=None)
NO_STATS = TargetStatistics(higher_is_better=False, reliable_change=None, caseness_cutoff=None)
K10 = TargetStatistics(
    higher_is_better=False,
    reliable_change=None,
    caseness_cutoff=None,
    bands=(
        Band(10, 15, "Low"),
        Band(16, 21, "Moderate"),
        Band(22, 29, "High"),
        Band(30, 50, "Very high"),
    ),
)
DASS21_DEPRESSION = replace(
    K10,
    bands=(
        Band(0, 9, "Normal"),
        Band(10, 13, "Mild"),
        Band(14, 20, "Moderate"),
        Band(21, 27, "Severe"),
        Band(28, 42, "Extremely severe"),
    ),
)
