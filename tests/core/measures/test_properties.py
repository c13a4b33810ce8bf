"""Property tests: any valid answer set scores within range; no invalid set ever scores."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.core.measures import AnswerError, change, score
from trellis.core.measures.schema import Instrument

from .helpers import INSTRUMENTS

IDS = sorted(INSTRUMENTS)


def valid_answers(inst: Instrument) -> st.SearchStrategy[list[int | None]]:
    """Every item answered with one of its options; prorating instruments may drop some."""
    full = st.tuples(*(st.sampled_from(sorted(item.values)) for item in inst.items)).map(list)
    if inst.missing.kind != "prorate":
        return full
    groups = [sub.items for sub in inst.subscales] if inst.missing.per == "subscale" else []
    groups = groups or [tuple(item.number for item in inst.items)]

    @st.composite
    def with_gaps(draw: st.DrawFn) -> list[int | None]:
        answers: list[int | None] = list(draw(full))
        for group in groups:
            for number in draw(st.sets(st.sampled_from(group), max_size=inst.missing.max_missing)):
                answers[number - 1] = None
        return answers

    return with_gaps()


def _labels(inst: Instrument) -> set[str | None]:
    labels: set[str | None] = {None}
    labels |= {band.label.lower() for band in inst.bands}
    labels |= {rule.label.lower() for rule in inst.screen}
    return labels


@pytest.mark.parametrize("instrument_id", IDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_valid_answers_score_within_range(instrument_id: str, data: st.DataObject) -> None:
    inst = INSTRUMENTS[instrument_id]
    result = score(inst, data.draw(valid_answers(inst)))
    assert inst.min_score <= result.total <= inst.max_score
    assert (result.min, result.max) == (inst.min_score, inst.max_score)
    assert result.severity in _labels(inst)
    declared = {c.flag for c in inst.critical} | {c.flag for c in inst.cutoffs if c.flag}
    declared |= {rule.flag for rule in inst.cluster_rules}
    assert set(result.flags) <= declared
    for sub in inst.subscales:
        low, high = inst.range_of(sub.items)
        assert low <= result.subscales[sub.id] <= high
        labels = {band.label.lower() for band in sub.bands} | {None}
        assert result.subscale_severity.get(sub.id) in labels
    covered = sorted(n for sub in inst.subscales for n in sub.items)
    if covered == list(range(1, len(inst.items) + 1)):
        assert abs(sum(result.subscales.values()) - result.total) < 0.05  # rounding only


@pytest.mark.parametrize("instrument_id", IDS)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_wrong_count_never_scores(instrument_id: str, data: st.DataObject) -> None:
    inst = INSTRUMENTS[instrument_id]
    size = data.draw(st.integers(0, 40).filter(lambda n: n != len(inst.items)))
    answers = data.draw(st.lists(st.integers(0, 5), min_size=size, max_size=size))
    with pytest.raises(AnswerError, match="expected"):
        score(inst, answers)


@pytest.mark.parametrize("instrument_id", IDS)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_value_outside_the_options_never_scores(instrument_id: str, data: st.DataObject) -> None:
    inst = INSTRUMENTS[instrument_id]
    answers = list(data.draw(valid_answers(inst)))
    position = data.draw(st.integers(0, len(inst.items) - 1))
    allowed = inst.items[position].values
    bad = data.draw(st.integers(-100, 100).filter(lambda v: v not in allowed))
    answers[position] = bad
    with pytest.raises(AnswerError, match="is not one of the options"):
        score(inst, answers)


@pytest.mark.parametrize("instrument_id", IDS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_too_many_missing_never_scores(instrument_id: str, data: st.DataObject) -> None:
    inst = INSTRUMENTS[instrument_id]
    if inst.missing.kind == "count_as":
        return  # the ASQ's refusal rule is tested by hand in test_scoring
    answers: list[int | None] = list(data.draw(valid_answers(inst)))
    limit = inst.missing.max_missing
    group = inst.subscales[0].items if inst.missing.per == "subscale" and inst.subscales else None
    numbers = group or tuple(item.number for item in inst.items)
    dropped = data.draw(
        st.sets(st.sampled_from(numbers), min_size=limit + 1, max_size=len(numbers))
    )
    for number in dropped:
        answers[number - 1] = None
    with pytest.raises(AnswerError, match=r"not answered|answers missing"):
        score(inst, answers)


@pytest.mark.parametrize("instrument_id", IDS)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_change_is_consistent(instrument_id: str, data: st.DataObject) -> None:
    inst = INSTRUMENTS[instrument_id]
    scores = st.integers(int(inst.min_score), int(inst.max_score))
    a, b = data.draw(scores), data.draw(scores)
    forward, backward = change(inst, a, b), change(inst, b, a)
    assert not (forward.reliable_improvement and forward.reliable_deterioration)
    assert forward.reliable_improvement == backward.reliable_deterioration
    if forward.rci is not None and backward.rci is not None:
        assert forward.rci == pytest.approx(-backward.rci)
    if forward.recovery:
        assert inst.change.is_case(a) and not inst.change.is_case(b)
    if a == b:
        assert not forward.reliable_improvement and not forward.reliable_deterioration
