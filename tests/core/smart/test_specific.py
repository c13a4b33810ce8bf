"""What makes a goal specific: the classes of errors found on the second blind part (batch 4).

Each case is written here in new words (none is a corpus statement), so the test checks
the rule, not a memorised sentence.
"""

from __future__ import annotations

import pytest

from trellis.core.smart import analyze


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        # An outing or a trip one plans or goes on is something done.
        ("Client will take her grandson on a trip to the zoo.", "trip"),
        ("Pt will plan two outings with her neighbor this month.", "outings"),
        # Words said aloud can be counted.
        ("Teen will make fewer negative comments about his sister.", "negative comments"),
        ("Client will cut down on cursing at his coworkers.", "cursing"),
        # Staying out of a place one can be admitted to leaves a record.
        ("Client will remain out of jail.", "remain out of jail"),
        ("Pt to keep out of the hospital through the winter.", "keep out of the hospital"),
        # A check-in one holds is a meeting held.
        ("Parents will have a short weekly check-in about chores.", "have a short weekly check-in"),
        ("We will hold check-ins on Friday evenings.", "hold check-ins"),
    ],
)
def test_concrete_acts_make_a_goal_specific(text: str, evidence: str) -> None:
    result = analyze(text)
    assert result.specific.value is True
    assert evidence in result.specific.evidence


@pytest.mark.parametrize(
    "text",
    [
        # Understanding or knowing a concrete thing is an insight, not an act.
        "Client will understand her cravings.",
        "Pt will know her urges.",
        "Client will be aware of her triggers.",
        # A check-in that is only when something is looked at names no act.
        "Client will be less tense at the next check-in.",
        # Staying out of a feeling is not staying out of a place.
        "Client will stay out of a dark place.",
    ],
)
def test_an_insight_or_a_setting_is_not_specific(text: str) -> None:
    assert analyze(text).specific.value is False


def test_an_act_on_a_concrete_thing_stays_specific_beside_an_insight() -> None:
    result = analyze("Client will understand her triggers and list them in a journal.")
    assert result.specific.value is True
    assert "triggers" not in result.specific.evidence
