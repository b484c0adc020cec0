"""Show-if rules: a small JSON language deciding whether a question (or section) is asked.

Forms::

    {"answered": "q_id", "equals": "value"}     the answer is value (multi-choice: includes it)
    {"answered": "q_id", "in": ["a", "b"]}      the answer is one of them (multi: includes one)
    {"all": [rule, ...]}                        every rule holds
    {"any": [rule, ...]}                        at least one rule holds
    {"not": rule}                               the rule does not hold

A question that is unanswered, skipped or that the person preferred not to answer makes every
equality false, so ``{"not": {"answered": "q", "equals": "yes"}}`` is true for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from interview_room.screening.answers import Answer
from interview_room.screening.errors import MalformedCondition

ConditionValue: TypeAlias = str | int


@dataclass(frozen=True)
class AnswerIn:
    """The answer to ``question_id`` is (or, for multi-choice, includes) one of ``values``.

    ``{"equals": v}`` is read as ``AnswerIn(q, (v,))``.
    """

    question_id: str
    values: tuple[ConditionValue, ...]


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


Condition: TypeAlias = "AnswerIn | AllOf | AnyOf | Not"


def evaluate(condition: Condition, answers: Mapping[str, Answer]) -> bool:
    """Evaluate ``condition`` against answers keyed by question id."""
    match condition:
        case AnswerIn(question_id, values):
            answer = answers.get(question_id)
            if answer is None:
                return False
            return any(_same(given, wanted) for given in answer.selected() for wanted in values)
        case AllOf(conditions):
            return all(evaluate(part, answers) for part in conditions)
        case AnyOf(conditions):
            return any(evaluate(part, answers) for part in conditions)
        case Not(inner):
            return not evaluate(inner, answers)
    raise AssertionError(f"unhandled condition {condition!r}")  # pragma: no cover


def _same(given: ConditionValue, wanted: ConditionValue) -> bool:
    # "1" never equals 1: a text answer is not a number.
    return type(given) is type(wanted) and given == wanted


def comparisons(condition: Condition) -> Iterator[AnswerIn]:
    """Every question comparison inside ``condition``, depth first."""
    match condition:
        case AnswerIn():
            yield condition
        case AllOf(conditions) | AnyOf(conditions):
            for part in conditions:
                yield from comparisons(part)
        case Not(inner):
            yield from comparisons(inner)


_FORMS = "one of {answered+equals}, {answered+in}, {all}, {any} or {not}"


def parse_condition(raw: object) -> Condition:
    """Read a show-if rule from its JSON form; raise ``MalformedCondition`` if it is not one."""
    if not isinstance(raw, dict):
        raise MalformedCondition(f"a show-if rule must be an object ({_FORMS})")
    keys = frozenset(raw)
    if keys == {"answered", "equals"}:
        return AnswerIn(_question_id(raw["answered"]), (_value(raw["equals"]),))
    if keys == {"answered", "in"}:
        values = raw["in"]
        if not isinstance(values, list) or not values:
            raise MalformedCondition("'in' must be a non-empty list of values")
        return AnswerIn(_question_id(raw["answered"]), tuple(_value(v) for v in values))
    if keys in ({"all"}, {"any"}):
        (key,) = keys
        parts = raw[key]
        if not isinstance(parts, list) or not parts:
            raise MalformedCondition(f"'{key}' must be a non-empty list of show-if rules")
        parsed = tuple(parse_condition(part) for part in parts)
        return AllOf(parsed) if key == "all" else AnyOf(parsed)
    if keys == {"not"}:
        return Not(parse_condition(raw["not"]))
    found = ", ".join(sorted(str(k) for k in keys)) or "no keys"
    raise MalformedCondition(f"a show-if rule must be {_FORMS}, not an object with {found}")


def _question_id(raw: object) -> str:
    if not isinstance(raw, str) or not raw:
        raise MalformedCondition("'answered' must name a question id")
    return raw


def _value(raw: object) -> ConditionValue:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise MalformedCondition(
            f"a compared value must be a string or a whole number, not {raw!r}"
        )
    return raw
