"""Comparing plan versions in the core: the word diff and the alignment of sibling items."""

from __future__ import annotations

from trellis.core.planning.diff import Step, align, word_diff


def test_word_diff_escapes_and_marks_words() -> None:
    old, new = word_diff("Walk <i>20</i> minutes daily", "Walk <i>30</i> minutes")
    assert old == "Walk &lt;i&gt;<del>20</del>&lt;/i&gt; minutes<del> daily</del>"
    assert new == "Walk &lt;i&gt;<ins>30</ins>&lt;/i&gt; minutes"


def test_word_diff_marks_a_run_of_changed_words_once() -> None:
    old, new = word_diff("Curious, close to a sister.", "Curious, runs most mornings.")
    assert old == "Curious, <del>close to a sister</del>."
    assert new == "Curious, <ins>runs most mornings</ins>."


def test_word_diff_marks_a_changed_date_whole() -> None:
    old, new = word_diff("Review by 2027-01-30.", "Review by 2027-03-01.")
    assert old == "Review by <del>2027-01-30</del>."
    assert new == "Review by <ins>2027-03-01</ins>."


def test_align_keeps_adds_removes_and_moves() -> None:
    # a b c d -> a c e b. The in-order runs kept are a and b (one of the two longest common
    # orders, the first difflib finds); c changed place, so it is kept but moved; e is new;
    # d is gone. Every item of either list appears exactly once.
    assert align(["a", "b", "c", "d"], ["a", "c", "e", "b"]) == [
        Step("kept", 0, 0),
        Step("kept", 2, 1, moved=True),
        Step("added", None, 2),
        Step("kept", 1, 3),
        Step("removed", 3, None),
    ]


def test_align_of_identical_lists_keeps_everything_in_place() -> None:
    assert align([1, 2, 3], [1, 2, 3]) == [
        Step("kept", 0, 0),
        Step("kept", 1, 1),
        Step("kept", 2, 2),
    ]
    assert align([], ["x"]) == [Step("added", None, 0)]
    assert align(["x"], []) == [Step("removed", 0, None)]
