"""Reading the CMS ICD-10-CM order file (fixed width) into Trellis's code set."""

import pytest

from trellis.core.icd10 import Icd10Code, codes
from trellis.core.icd10_order import (
    OrderFileError,
    code_set_text,
    compare,
    fiscal_year,
    in_scope,
    parse_order_file,
)


def line(order: int, code: str, flag: str, title: str) -> str:
    return f"{order:05d} {code:<7} {flag} {title[:60]:<60} {title}"


GAD = line(2, "F411", "1", "Generalized anxiety disorder")
HEADER = line(1, "F41", "0", "Other anxiety disorders")


def parse(*lines: str) -> list[Icd10Code]:
    data = ("\n".join(lines) + "\n").encode()
    return [row.code for row in parse_order_file(data, "order.txt")]


def problems(*lines: str) -> str:
    with pytest.raises(OrderFileError) as raised:
        parse(*lines)
    return str(raised.value)


def test_columns_are_read_by_position_and_the_code_gets_its_dot() -> None:
    assert parse(HEADER, GAD) == [
        Icd10Code("F41", "Other anxiety disorders", False),
        Icd10Code("F41.1", "Generalized anxiety disorder", True),
    ]


def test_windows_line_ends_and_blank_lines_are_fine() -> None:
    data = f"{HEADER}\r\n\r\n{GAD}\r\n".encode()
    assert len(parse_order_file(data, "order.txt")) == 2


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("00002 F411    1 Generalized", "order.txt:2: too short"),
        (GAD.replace("00002", "0002A"), "order.txt:2: order number '0002A'"),
        (GAD[:5] + "x" + GAD[6:], "order.txt:2: column 6 should be blank"),
        (GAD.replace("F411   ", "f411   "), "is not an ICD-10-CM code"),
        (GAD.replace("F411    1", "F411    Y"), "billable flag 'Y' (column 15)"),
        (GAD[:70], "order.txt:2: too short (70 characters)"),
        (line(2, "F411", "1", "").ljust(80), "the long description (from column 78) is empty"),
        (line(1, "F411", "1", "Generalized anxiety disorder"), "order number 1 is not after 1"),
        (line(3, "F41", "0", "Again"), "code F41 again (first on line 1)"),
    ],
)
def test_each_bad_line_is_named(bad: str, problem: str) -> None:
    assert problem in problems(HEADER, bad)


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = problems(HEADER, "short", "also short")
    assert "order.txt:2:" in text and "order.txt:3:" in text


def test_bytes_that_are_not_text_are_named() -> None:
    with pytest.raises(OrderFileError, match=r"order.txt:1: not UTF-8 text"):
        parse_order_file(b"\xff\xfe\n", "order.txt")


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(OrderFileError, match="contains no codes"):
        parse_order_file(b"\n\n", "order.txt")


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        *[("F411", True), ("Z630", True), ("Z733", True), ("R45851", True), ("Z0389", True)],
        *[("A000", False), ("I10", False), ("Z030", False), ("R4586", False), ("Z74", False)],
    ],
)
def test_scope_is_what_a_behavioral_health_clinician_records(code: str, kept: bool) -> None:
    assert in_scope(code) is kept


def test_code_set_text_is_the_same_for_the_same_file() -> None:
    data = f"{HEADER}\n{GAD}\n{line(3, 'I10', '1', 'Essential (primary) hypertension')}\n"
    rows = parse_order_file(data.encode(), "icd10cm_order_2027.txt")
    text = code_set_text(rows, source="icd10cm_order_2027.txt", data=data.encode())
    assert text == code_set_text(rows, source="icd10cm_order_2027.txt", data=data.encode())
    assert "F41.1\tGeneralized anxiety disorder\t1" in text
    assert "I10" not in text


def test_fiscal_year_comes_from_the_file_name() -> None:
    assert fiscal_year("icd10cm_order_2027.txt") == "FY2027"
    assert fiscal_year("codes.txt") == ""


def test_compare_lists_added_removed_and_retitled() -> None:
    old = {"F41.1": Icd10Code("F41.1", "Generalized anxiety disorder", True)}
    new = {
        "F41.1": Icd10Code("F41.1", "Generalised anxiety disorder", True),
        "F41.9": Icd10Code("F41.9", "Anxiety disorder, unspecified", True),
    }
    change = compare(old, new)
    assert change.added == ("F41.9",) and change.retitled == ("F41.1",)
    assert compare(new, new).unchanged


def test_every_shipped_code_is_in_the_import_scope() -> None:
    # Importing a release keeps what we ship: the scope is the shipped file's coverage.
    outside = [code for code in codes() if not in_scope(code.replace(".", ""))]
    assert outside == []
