"""Sex- and age-specific cut-offs: the client's own cut-off applies, and a missing fact is said.

AUDIT-C: 3 or more for women, 4 or more for men (Bradley et al. 2007). AUDIT: 8 or more, one
point lower (7) for all women and for men over 65 (Babor et al. 2001, the WHO manual).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.core.measures import InstrumentFileError, Respondent, load_instrument, score

from .helpers import instrument

DATA = Path(__file__).resolve().parents[3] / "trellis" / "data" / "instruments"
AUDIT_C_3 = [1, 1, 1]
AUDIT_7 = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]
AUDIT_8 = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]


def test_audit_c_3_is_positive_for_a_woman() -> None:
    result = score(instrument("AUDIT-C"), AUDIT_C_3, Respondent(sex="female", age=40))
    assert result.flags == ("positive_screen_women",)
    assert result.notes == ()


def test_audit_c_3_is_negative_for_a_man() -> None:
    result = score(instrument("AUDIT-C"), AUDIT_C_3, Respondent(sex="male", age=40))
    assert result.flags == ()
    assert result.notes == ()


def test_audit_c_4_for_a_woman_raises_only_the_womens_flag() -> None:
    result = score(instrument("AUDIT-C"), [2, 1, 1], Respondent(sex="female", age=40))
    assert result.flags == ("positive_screen_women",)


@pytest.mark.parametrize("sex", ["unknown", None])
def test_audit_c_with_sex_not_recorded_shows_both_and_says_so(sex: Any) -> None:
    result = score(instrument("AUDIT-C"), AUDIT_C_3, Respondent(sex=sex, age=40))
    assert result.flags == ("positive_screen_women",)
    assert result.notes == (
        "Sex assigned at birth is not recorded, so each is applied: "
        "3 or more for women (reached); 4 or more for men (not reached).",
    )
    assert result.as_dict()["notes"] == list(result.notes)


def test_no_respondent_at_all_is_treated_as_not_recorded() -> None:
    result = score(instrument("AUDIT-C"), [2, 1, 1])
    assert result.flags == ("positive_screen_women", "positive_screen_men")
    assert "not recorded" in result.notes[0]


def test_intersex_shows_both_and_says_why() -> None:
    result = score(instrument("AUDIT-C"), AUDIT_C_3, Respondent(sex="intersex", age=30))
    assert result.flags == ("positive_screen_women",)
    assert "recorded as intersex" in result.notes[0]


def test_audit_7_is_positive_for_a_woman() -> None:
    result = score(instrument("AUDIT"), AUDIT_7, Respondent(sex="female", age=40))
    assert result.flags == ("hazardous_harmful_use",)
    assert result.severity == "zone i"  # the zones are the manual's; the flag says more


def test_audit_7_is_positive_for_a_man_aged_70() -> None:
    result = score(instrument("AUDIT"), AUDIT_7, Respondent(sex="male", age=70))
    assert result.flags == ("hazardous_harmful_use",)


def test_audit_7_is_negative_for_a_man_aged_40_and_8_is_positive() -> None:
    audit = instrument("AUDIT")
    assert score(audit, AUDIT_7, Respondent(sex="male", age=40)).flags == ()
    assert score(audit, AUDIT_8, Respondent(sex="male", age=40)).flags == ("hazardous_harmful_use",)


@pytest.mark.parametrize(("age", "flagged"), [(64, False), (65, True), (66, True)])
def test_audit_age_boundary_at_65(age: int, flagged: bool) -> None:
    result = score(instrument("AUDIT"), AUDIT_7, Respondent(sex="male", age=age))
    assert (result.flags == ("hazardous_harmful_use",)) is flagged


def test_audit_6_is_negative_for_everyone() -> None:
    six = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
    for who in (Respondent("female", 40), Respondent("male", 70), Respondent()):
        assert score(instrument("AUDIT"), six, who).flags == ()


def test_audit_unknown_age_is_said() -> None:
    result = score(instrument("AUDIT"), AUDIT_7, Respondent(sex="male", age=None))
    assert result.flags == ("hazardous_harmful_use",)
    assert result.notes == (
        "The age on the day is not known, so each is applied: "
        "8 or more for men under 65 (not reached); 7 or more for men aged 65 or over (reached).",
    )


def test_cutoffs_without_applies_to_ignore_the_respondent() -> None:
    phq2 = instrument("PHQ-2")
    for who in (Respondent("female", 30), Respondent("male", 80), None):
        result = score(phq2, [2, 1], who)
        assert result.flags == ("positive_screen",)
        assert result.notes == ()


AUDIT_C: dict[str, Any] = yaml.safe_load((DATA / "auditc.yaml").read_text(encoding="utf-8"))

BROKEN = [
    ({"sex": "woman"}, "cutoffs[0].applies_to.sex: must be one of female, male, not 'woman'"),
    ({"gender": "female"}, "cutoffs[0].applies_to.gender: unknown field"),
    ({}, "cutoffs[0].applies_to: must name a sex (female or male), a min_age or a max_age"),
    ("women", "cutoffs[0].applies_to: must be a mapping of fields"),
    ({"min_age": "65"}, "cutoffs[0].applies_to.min_age: must be a whole number"),
    ({"min_age": 65.5}, "cutoffs[0].applies_to.min_age: must be a whole number"),
    ({"min_age": -1}, "cutoffs[0].applies_to.min_age: must be an age in whole years"),
    ({"min_age": 65, "max_age": 64}, "cutoffs[0].applies_to.max_age: must be >= min_age (65)"),
]


@pytest.mark.parametrize(("applies_to", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_malformed_applies_to_names_file_and_field(
    tmp_path: Path, applies_to: object, message: str
) -> None:
    data = copy.deepcopy(AUDIT_C)
    data["cutoffs"][0]["applies_to"] = applies_to
    path = tmp_path / "auditc.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentFileError) as caught:
        load_instrument(path)
    assert str(caught.value).startswith(f"auditc.yaml: {message}"), str(caught.value)


def test_applies_to_is_read_from_the_shipped_files() -> None:
    rules = [c.applies_to for c in instrument("AUDIT").cutoffs]
    assert [(r.sex, r.min_age, r.max_age) for r in rules if r] == [
        ("male", None, 64),
        ("female", None, None),
        ("male", 65, None),
    ]
