"""The building blocks of the data-file formats (instruments, templates) as pydantic types.

Instrument and template files are read by pydantic models (``measures/file_model.py``,
``library/file_model.py``), which also publish the JSON Schema an author's editor can use.
The scalar types here check the raw YAML value themselves, so a wrong value is refused in
the project's words ("must be text, not true (a yes/no value) (quote yes/no/on/off in
YAML)"), not pydantic's; ``problems`` turns a ``ValidationError`` into ``(path, problem)``
pairs with the path written the way every message writes it (``scoring.options[2].value``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, ClassVar, NoReturn, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainValidator,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

# The error type of every refusal raised here; ``ctx["problem"]`` holds the message and
# ``ctx["at"]`` the keys or indexes below the validated value it points at.
PROBLEM = "trellis_problem"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def refuse(problem: str, *at: str | int) -> NoReturn:
    """Stop validation with a message for this value, or for the field ``at`` below it."""
    raise PydanticCustomError(PROBLEM, "{problem}", {"problem": problem, "at": at})


def nested[T](key: str | int, check: Callable[[object], T], value: object) -> T:
    """``check(value)`` for a part of the validated value, its refusal pointing at ``key``."""
    try:
        return check(value)
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        refuse(str(ctx.get("problem", exc.message())), key, *ctx.get("at", ()))


def kind(value: object) -> str:
    """How a wrong value reads in an error message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    return repr(value)


def _published_schema(schema: dict[str, Any], model: type[Any]) -> None:
    """In the published schema too, a ``not_null`` field is its type alone, without null;
    ``schema_rules`` add what JSON Schema can say of a model's own checks."""
    schema.update(getattr(model, "schema_rules", {}))
    for name in getattr(model, "not_null", ()):
        field = schema["properties"][name]
        kinds = [entry for entry in field.pop("anyOf", []) if entry != {"type": "null"}]
        field.pop("default", None)
        field.update(kinds[0] if len(kinds) == 1 else {"anyOf": kinds})


class FileModel(BaseModel):
    """A mapping of a data file: fields are fixed, and an unknown one (a typo) is refused.

    Checked before pydantic's own field validation, so a misspelt required field is
    reported as the unknown field it is, not as the missing one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_published_schema)
    # Optional fields that may be left out but not written empty: ``flag:`` with nothing
    # after it is a slip, not "no flag" (the other optional fields take null for unknown).
    not_null: ClassVar[tuple[str, ...]] = ()
    schema_rules: ClassVar[dict[str, Any]] = {}

    @classmethod
    def allowed(cls) -> frozenset[str]:
        """The field names a file may use (aliases where a name is reserved in Python)."""
        return frozenset(info.alias or name for name, info in cls.model_fields.items())

    @classmethod
    def given(cls, data: object) -> Mapping[object, object]:
        """The raw mapping, once its keys are known to be this model's fields."""
        if not isinstance(data, Mapping):
            refuse(f"must be a mapping of fields, not {kind(data)}")
        allowed = cls.allowed()
        for key in data:
            if not isinstance(key, str) or key not in allowed:
                known = ", ".join(sorted(allowed))
                refuse(f"unknown field (expected one of: {known})", str(key))
        for name in cls.not_null:
            if name in data and data[name] is None:
                _refuse_null(cls, name)
        return data

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, data: object) -> object:
        return cls.given(data)

    def present(self, name: str) -> bool:
        """Whether the file wrote this field at all (``null`` included)."""
        return name in self.model_fields_set


def _refuse_null(model: type[FileModel], name: str) -> NoReturn:
    """Refuse ``name: null`` with the message its type gives an empty value."""
    annotation = model.model_fields[name].annotation
    inner = next(arg for arg in get_args(annotation) if arg is not type(None))
    try:
        TypeAdapter(inner).validate_python(None)
    except ValidationError as exc:
        path, problem = first_problem(exc)
        refuse(problem, name, *([path] if path else []))
    refuse("must not be empty", name)  # pragma: no cover - every type refuses None


def text(value: object) -> str:
    """A non-empty string."""
    if not isinstance(value, str):
        hint = " (quote yes/no/on/off in YAML)" if isinstance(value, bool) else ""
        refuse(f"must be text, not {kind(value)}{hint}")
    if not value.strip():
        refuse("must not be empty")
    return value


def whole(value: object) -> int:
    """A whole number (``1.0`` and ``true`` are not)."""
    if isinstance(value, bool) or not isinstance(value, int):
        refuse(f"must be a whole number, not {kind(value)}")
    return value


def number(value: object) -> int | float:
    """A finite number, whole or decimal, kept as written (9 stays 9, not 9.0)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        refuse(f"must be a number, not {kind(value)}")
    if not math.isfinite(value):
        refuse("must be a finite number")
    return value


def enum_schema(allowed: Sequence[str]) -> WithJsonSchema:
    """How a word from a fixed set is published: ``{"type": "string", "enum": [...]}``."""
    return WithJsonSchema({"type": "string", "enum": list(allowed)})


def choice(allowed: Sequence[str]) -> Callable[[object], str]:
    """A check for one of a fixed set of words."""

    def check(value: object) -> str:
        word = text(value)
        if word not in allowed:
            refuse(f"must be one of {', '.join(allowed)}, not {word!r}")
        return word

    return check


def pattern(regex: str, problem: Callable[[str], str]) -> Callable[[object], str]:
    """A check for text written in a fixed shape (a flag, an id, a code)."""
    compiled = re.compile(regex)

    def check(value: object) -> str:
        word = text(value)
        if not compiled.fullmatch(word):
            refuse(problem(word))
        return word

    return check


def bounded(
    check: Callable[[object], int | float],
    problem: str,
    *,
    low: float | None = None,
    high: float | None = None,
    above: float | None = None,
    below: float | None = None,
) -> Callable[[object], Any]:
    """A number check with limits (inclusive ``low``/``high``, exclusive ``above``/``below``)."""

    def checked(value: object) -> int | float:
        found = check(value)
        if (
            (low is not None and found < low)
            or (high is not None and found > high)
            or (above is not None and found <= above)
            or (below is not None and found >= below)
        ):
            refuse(problem)
        return found

    return checked


TEXT_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
INTEGER_SCHEMA: dict[str, Any] = {"type": "integer"}
NUMBER_SCHEMA: dict[str, Any] = {"type": "number"}

Text = Annotated[str, PlainValidator(text), WithJsonSchema(TEXT_SCHEMA)]
Whole = Annotated[int, PlainValidator(whole), WithJsonSchema(INTEGER_SCHEMA)]
Number = Annotated[float, PlainValidator(number), WithJsonSchema(NUMBER_SCHEMA)]


def sources(value: object) -> tuple[str, ...]:
    """One text or a non-empty list of them (``source: a`` or ``source: [a, b]``)."""
    if not isinstance(value, list):
        return (text(value),)
    if not value:
        refuse("must not be empty")
    return tuple(nested(index, text, entry) for index, entry in enumerate(value))


Sources = Annotated[
    tuple[str, ...],
    PlainValidator(sources),
    WithJsonSchema(
        {"anyOf": [TEXT_SCHEMA, {"type": "array", "items": TEXT_SCHEMA, "minItems": 1}]}
    ),
]


def problems(error: ValidationError) -> list[tuple[str, str]]:
    """Each error as ``(path, problem)``, path as written in messages, unknown fields first.

    Pydantic's own wording is replaced by the project's where they differ, so a message
    reads the same whichever of the two found the fault.
    """
    found: list[tuple[bool, str, str]] = []
    for detail in error.errors(include_url=False):
        ctx = detail.get("ctx") or {}
        raw = detail["loc"]
        # A refused mapping key reads as the key: ``adaptations.Child Teen``, ``x.1``.
        loc: list[str | int] = [
            str(part) if raw[index + 1 : index + 2] == ("[key]",) else part
            for index, part in enumerate(raw)
            if part != "[key]"
        ]
        loc += list(ctx.get("at", ()))
        problem = _wording(detail["type"], detail["input"], detail["msg"], ctx)
        found.append((not problem.startswith("unknown field"), field_path(loc), problem))
    return [(path, problem) for _, path, problem in sorted(found, key=lambda f: f[0])]


def _wording(kind_of_error: str, value: object, message: str, ctx: Mapping[str, Any]) -> str:
    if kind_of_error == PROBLEM:
        return str(ctx["problem"])
    if kind_of_error == "missing":
        return "is required"
    if kind_of_error in ("list_type", "tuple_type"):
        return f"must be a list, not {kind(value)}"
    if kind_of_error == "too_short":
        return "must not be empty"
    if kind_of_error in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields, not {kind(value)}"
    return message[:1].lower() + message[1:]


def field_path(loc: Sequence[str | int]) -> str:
    """``("scoring", "options", 2, "value")`` -> ``scoring.options[2].value``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def first_problem(error: ValidationError) -> tuple[str, str]:
    """The one problem a load error reports: the first, with unknown fields first."""
    return problems(error)[0]


def json_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """The model's JSON Schema (2020-12), as an editor reads it to check a file as typed."""
    schema = model.model_json_schema(by_alias=True)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema, "title": title, "description": description}
