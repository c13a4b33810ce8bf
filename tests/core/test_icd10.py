"""The shipped ICD-10-CM code set, its loader's validation, look-up and search."""

import os
import re
from pathlib import Path

import pytest

from trellis.core.icd10 import (
    DEFAULT_PATH,
    DataFileError,
    Icd10Code,
    codes,
    load_codes,
    lookup,
)


@pytest.mark.parametrize(
    ("code", "description", "billable"),
    [
        ("F32", "Depressive episode", False),
        ("F32.A", "Depression, unspecified", True),
        ("F32.9", "Major depressive disorder, single episode, unspecified", True),
        ("F33.1", "Major depressive disorder, recurrent, moderate", True),
        ("F41.1", "Generalized anxiety disorder", True),
        ("F43.1", "Post-traumatic stress disorder (PTSD)", False),
        ("F43.10", "Post-traumatic stress disorder, unspecified", True),
        ("F43.12", "Post-traumatic stress disorder, chronic", True),
        ("F43.23", "Adjustment disorder with mixed anxiety and depressed mood", True),
        ("F43.81", "Prolonged grief disorder", True),
        ("F43.89", "Other reactions to severe stress", True),
        ("F10.120", "Alcohol abuse with intoxication, uncomplicated", True),
        ("F50.012", "Anorexia nervosa, restricting type, severe", True),
        ("F84.0", "Autistic disorder", True),
        ("F90.2", "Attention-deficit hyperactivity disorder, combined type", True),
        ("Z63.0", "Problems in relationship with spouse or partner", True),
        ("Z91.51", "Personal history of suicidal behavior", True),
        ("Z76.5", "Malingerer [conscious simulation]", True),
        ("R45.851", "Suicidal ideations", True),
        ("R45.88", "Nonsuicidal self-harm", True),
    ],
)
def test_shipped_file_has_official_codes(code: str, description: str, billable: bool) -> None:
    assert codes()[code] == Icd10Code(code, description, billable)


def test_shipped_file_covers_the_whole_mental_health_chapter() -> None:
    categories = {code[:3] for code in codes() if code.startswith("F")}
    # Every block of chapter 5 is represented, from dementia to unspecified disorder.
    for category in ("F01", "F10", "F20", "F32", "F40", "F50", "F60", "F70", "F84", "F90", "F99"):
        assert category in categories
    assert len(codes()) > 1000


def test_every_shipped_code_is_chapter_5_or_a_z_or_r_code() -> None:
    for code in codes():
        assert re.fullmatch(r"F(0[1-9]|[1-9][0-9])(\..+)?|[ZR].+", code), code


def test_shipped_headers_have_subcodes_and_billable_codes_have_none() -> None:
    compact = [code.replace(".", "") for code in codes()]
    for code, entry in codes().items():
        own = code.replace(".", "")
        has_subcodes = any(other != own and other.startswith(own) for other in compact)
        assert has_subcodes is not entry.billable, code


def test_codes_is_read_once_and_read_only() -> None:
    assert codes() is codes()
    assert codes(DEFAULT_PATH) is codes()
    with pytest.raises(TypeError):
        codes()["F99.9"] = Icd10Code("F99.9", "Invented", True)  # type: ignore[index]


def test_shipped_file_names_its_source_in_the_header() -> None:
    header = [line for line in DEFAULT_PATH.read_text().splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "FY2026" in text
    assert "public domain" in text


@pytest.mark.parametrize("typed", ["F32.9", "f32.9", "F329", " f329 ", "F32.9 "])
def test_lookup_tolerates_case_spaces_and_a_missing_dot(typed: str) -> None:
    found = lookup(typed)
    assert found is not None
    assert found.code == "F32.9"


@pytest.mark.parametrize("typed", ["", "F32.Z", "X99", "F4310x", "depression"])
def test_lookup_of_an_unknown_code_is_none(typed: str) -> None:
    assert lookup(typed) is None


def test_lookup_finds_a_category_header() -> None:
    assert lookup("f43") == codes()["F43"]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "codes.tsv"
    path.write_text(body, encoding="utf-8")
    return path


def test_load_codes_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# a header\n\nF41\tOther anxiety disorders\t0\nF41.1\tGeneralized anxiety disorder\t1\n",
    )
    assert load_codes(path) == {
        "F41": Icd10Code("F41", "Other anxiety disorders", False),
        "F41.1": Icd10Code("F41.1", "Generalized anxiety disorder", True),
    }


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ("f41.9\tAnxiety disorder, unspecified\t1", "not an ICD-10-CM code"),
        ("F419\tAnxiety disorder, unspecified\t1", "not an ICD-10-CM code"),
        ("F41.12345\tToo long\t1", "not an ICD-10-CM code"),
        ("F41.9\t  \t1", "empty description"),
        ("F41.9\tAnxiety disorder, unspecified\tyes", "billable"),
        ("F41.9\tAnxiety disorder, unspecified", "3 tab-separated columns"),
        ("F41.9\tAnxiety disorder\tunspecified\t1", "3 tab-separated columns"),
        ("F41.1\tGeneralized anxiety disorder again\t1", "duplicate code F41.1"),
    ],
)
def test_broken_file_names_the_file_and_line(tmp_path: Path, bad_line: str, problem: str) -> None:
    path = write(tmp_path, f"# header\nF41.1\tGeneralized anxiety disorder\t1\n{bad_line}\n")
    with pytest.raises(DataFileError) as raised:
        load_codes(path)
    message = str(raised.value)
    assert str(path) in message
    assert "line 3" in message
    assert problem in message


def test_duplicate_names_the_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "F41.1\tGeneralized anxiety disorder\t1\nF41.1\tAgain\t1\n")
    with pytest.raises(
        DataFileError, match=re.escape("line 2: duplicate code F41.1 (first on line 1)")
    ):
        load_codes(path)


def test_billable_header_with_subcodes_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "F41\tOther anxiety disorders\t1\nF41.1\tGeneralized anxiety\t1\n")
    with pytest.raises(DataFileError, match="line 1: code F41 has subcodes"):
        load_codes(path)


def test_file_without_codes_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "# only a header\n")
    with pytest.raises(DataFileError, match="contains no codes"):
        load_codes(path)


def test_data_file_error_is_a_value_error() -> None:
    assert issubclass(DataFileError, ValueError)


def test_codes_are_read_again_when_the_file_changes(tmp_path: Path) -> None:
    path = write(tmp_path, "F41.1\tGeneralized anxiety disorder\t1\n")
    assert list(codes(path)) == ["F41.1"]
    path.write_text("F41.9\tAnxiety disorder, unspecified\t1\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert list(codes(path)) == ["F41.9"]
