"""The notebook parameters of a study, declared once as a pydantic model.

Each study module declares ``class Parameters(StudyParameters)``: one field per name of its
notebook's ``parameters`` cell, with the cell's default, a type and bounds, and a
``description`` saying what is allowed (it completes "NAME must be ..."). The same model is
checked twice: by ``analysis run NB -p NAME VALUE`` before any kernel starts, and by the
notebook's set-up cell through the study's ``check_parameters(...)``.

Every parameter that drives an enumeration, a sample or a loop has an upper bound, chosen so
that the notebook finishes in seconds and within 1 GB at the bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Strict, ValidationError

# Numbers without bool: pydantic's lax mode would read True as 1 and "0.9" as 0.9.
Real = Annotated[float, Strict()]
Whole = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]


class StudyParameters(BaseModel):
    """Base of the study models: unknown names are refused, the values are frozen once checked."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def check(model: type[StudyParameters], values: Mapping[str, object]) -> StudyParameters:
    """``values`` checked against ``model``; ``ValueError`` for the first one refused, in one line.

    The message names the parameter, its allowed values (the field's ``description``, or the
    reason a cross-parameter rule gives) and the value it got: ``n_worlds must be a whole
    number from 1 to 20000, got 1000000``.
    """
    try:
        return model(**values)
    except ValidationError as exc:
        raise ValueError(_message(model, exc.errors()[0], values)) from None


def _message(model: type[StudyParameters], error: Mapping, values: Mapping[str, object]) -> str:
    name = str(error["loc"][0]) if error["loc"] else ""
    if error["type"] == "extra_forbidden":
        return f"{name} is not a parameter; the parameters are {', '.join(model.model_fields)}"
    got = values.get(name, error.get("input"))
    if error["type"] == "value_error":  # a rule between parameters says itself what is allowed
        allowed = str(error["ctx"]["error"])
    else:
        allowed = model.model_fields[name].description
    return f"{name} must be {allowed}, got {_shown(got)}"


def _shown(value: object, limit: int = 100) -> str:
    """``repr(value)``, cut to ``limit`` characters: a refused list of a million numbers stays one short line."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 5]} ...{text[-1]}"
