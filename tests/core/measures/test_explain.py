"""The words beside "no reliable change" and "recovery" name each measure's own numbers."""

from __future__ import annotations

from trellis.core.measures import builtin_instruments
from trellis.core.measures.explain import why_recovery_without_reliable_change


def test_the_pair_names_both_cutoffs_and_both_thresholds() -> None:
    found = builtin_instruments()
    text = why_recovery_without_reliable_change([found["PHQ-9"], found["GAD-7"]])
    assert "(PHQ-9: 10 or more is a case; GAD-7: 8 or more is a case)" in text
    assert "(PHQ-9: 6 points or more; GAD-7: 4 points or more)" in text


def test_one_measure_speaks_of_itself() -> None:
    text = why_recovery_without_reliable_change([builtin_instruments()["PHQ-9"]])
    assert "(PHQ-9: 10 or more is a case)" in text and "GAD-7" not in text
