"""Protocol test vectors: synthetic vignettes shipped with a protocol version.

Each vector gives answers by question id and the suggestion the decision rule must make from
them (outcome, positive dimensions, and optionally the positive signs and whether the person is
a presumed child). ``check_protocol`` loads a protocol folder and runs its vectors; the central
office runs it (``interview-room protocol check``) before it sends out a new protocol version,
and CI runs it on every change. The file format is described in the protocol folder's README.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_room.screening import schema
from interview_room.screening.answers import Answer, AnswerStatus
from interview_room.screening.assessment import assess
from interview_room.screening.errors import InvalidAnswer, ProtocolError
from interview_room.screening.flow import presumed_child, validate_answer, visible_question_ids
from interview_room.screening.loader import load_protocol, read_protocol_file
from interview_room.screening.protocol import Dimension, Outcome, Protocol

VECTORS_FILE = "vectors.json"


class VectorsInvalid(ProtocolError):
    """A vectors file that cannot be run: it names an unknown question, gives an answer that
    does not fit its question, or was written for another protocol."""


@dataclass(frozen=True)
class Expectation:
    outcome: Outcome
    positive_dimensions: frozenset[Dimension]
    positive_signs: frozenset[str] | None
    """None: not checked."""
    presumed_child: bool | None
    """None: not checked."""


@dataclass(frozen=True)
class Vector:
    id: str
    description: str
    answers: Mapping[str, Answer]
    expected: Expectation
    from_common: frozenset[str] = frozenset()
    """Answers given only by the file's ``common`` answers: one to a question this vector does
    not show is not a fault (e.g. "rights understood" with no common language)."""


@dataclass(frozen=True)
class VectorResult:
    vector: Vector
    outcome: Outcome
    positive_dimensions: frozenset[Dimension]
    positive_signs: frozenset[str]
    presumed_child: bool
    problems: tuple[str, ...]
    """Every way the result differs from the expectation; empty when the vector passes."""

    @property
    def passed(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        expected = self.vector.expected
        return {
            "id": self.vector.id,
            "passed": self.passed,
            "problems": list(self.problems),
            "expected": {
                "outcome": expected.outcome.value,
                "positive_dimensions": _names(expected.positive_dimensions),
                "positive_signs": None
                if expected.positive_signs is None
                else sorted(expected.positive_signs),
                "presumed_child": expected.presumed_child,
            },
            "actual": {
                "outcome": self.outcome.value,
                "positive_dimensions": _names(self.positive_dimensions),
                "positive_signs": sorted(self.positive_signs),
                "presumed_child": self.presumed_child,
            },
        }


@dataclass(frozen=True)
class VectorReport:
    protocol_id: str
    protocol_version: str
    content_hash: str
    vectors_file: Path
    results: tuple[VectorResult, ...]

    @property
    def failed(self) -> tuple[VectorResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    @property
    def all_passed(self) -> bool:
        return bool(self.results) and not self.failed

    def as_json(self) -> dict[str, Any]:
        return {
            "protocol": self.protocol_id,
            "version": self.protocol_version,
            "content_hash": self.content_hash,
            "vectors_file": str(self.vectors_file),
            "total": len(self.results),
            "passed": len(self.results) - len(self.failed),
            "failed": len(self.failed),
            "outcomes": self.outcome_counts(),
            "results": [r.as_json() for r in self.results],
        }

    def outcome_counts(self) -> dict[str, int]:
        """How many vectors expect each outcome (in the Outcome order)."""
        counts = {o.value: 0 for o in Outcome}
        for result in self.results:
            counts[result.vector.expected.outcome.value] += 1
        return counts

    def lines(self) -> list[str]:
        """The report for a person: a summary, then one line per failed vector."""
        lines = [
            f"Protocol {self.protocol_id} {self.protocol_version} "
            f"(content hash {self.content_hash[:12]}…), vectors {self.vectors_file}",
            f"{len(self.results)} vectors: {len(self.results) - len(self.failed)} passed, "
            f"{len(self.failed)} failed.",
        ]
        for result in self.failed:
            lines.append(f"FAILED {result.vector.id}: {'; '.join(result.problems)}")
        return lines


def _names(dimensions: frozenset[Dimension]) -> list[str]:
    return [d.value for d in Dimension if d in dimensions]


# --- Reading ------------------------------------------------------------------------------------

_ANSWERS = schema.MapOf(schema.ID, schema.Raw())
_VECTORS = schema.Obj(
    {
        "protocol": schema.req(schema.Str()),
        "version": schema.req(schema.Str(schema.VERSION_PATTERN, "a version like '2.0.0'")),
        "common": schema.opt(_ANSWERS),
        "vectors": schema.req(
            schema.ListOf(
                schema.Obj(
                    {
                        "id": schema.req(schema.ID),
                        "description": schema.req(schema.Str()),
                        # Why this vector's answers or expectation differ from the version
                        # before (sync/protocol_floor.py: a vector never changes silently).
                        "changed_because": schema.opt(schema.Str()),
                        "answers": schema.req(_ANSWERS),
                        "expect": schema.req(
                            schema.Obj(
                                {
                                    "outcome": schema.req(schema.choice(Outcome, "outcome")),
                                    "positive_dimensions": schema.req(
                                        schema.ListOf(schema.choice(Dimension, "dimension"))
                                    ),
                                    "positive_signs": schema.opt(schema.ListOf(schema.ID)),
                                    "presumed_child": schema.opt(schema.Bool()),
                                }
                            )
                        ),
                    },
                    subject="vector",
                ),
                min_items=1,
            )
        ),
    }
)


def load_vectors(path: Path, protocol: Protocol) -> tuple[Vector, ...]:
    """Read and check ``path`` against ``protocol``; raise a ``ProtocolError`` naming the file,
    the vector and the fault at the first problem."""
    name = path.name
    raw = read_protocol_file(path.parent, name)
    schema.check(raw, _VECTORS, name)
    assert isinstance(raw, dict)  # guaranteed by the schema check
    if (raw["protocol"], raw["version"]) != (protocol.id, protocol.version):
        raise VectorsInvalid(
            name,
            "top level",
            f"the vectors are for {raw['protocol']} {raw['version']}, "
            f"not for {protocol.id} {protocol.version}",
        )
    common = raw.get("common", {})
    vectors = []
    seen: set[str] = set()
    for item in raw["vectors"]:
        subject = f"vector '{item['id']}'"
        if item["id"] in seen:
            raise VectorsInvalid(name, subject, "the id is used twice")
        seen.add(item["id"])
        answers = {
            question_id: _answer(protocol, name, subject, question_id, value)
            for question_id, value in {**common, **item["answers"]}.items()
        }
        expect = item["expect"]
        signs = expect.get("positive_signs")
        known_signs = _sign_ids(protocol)
        for sign in signs or ():
            if sign not in known_signs:
                raise VectorsInvalid(name, subject, f"the protocol has no sign '{sign}'")
        vectors.append(
            Vector(
                id=item["id"],
                description=item["description"],
                answers=answers,
                expected=Expectation(
                    outcome=Outcome(expect["outcome"]),
                    positive_dimensions=frozenset(
                        Dimension(d) for d in expect["positive_dimensions"]
                    ),
                    positive_signs=None if signs is None else frozenset(signs),
                    presumed_child=expect.get("presumed_child"),
                ),
                from_common=frozenset(common) - frozenset(item["answers"]),
            )
        )
    return tuple(vectors)


def _sign_ids(protocol: Protocol) -> frozenset[str]:
    before = protocol.decision_rule.before_exploitation
    return frozenset(s.id for s in before.signs) if before else frozenset()


def _answer(protocol: Protocol, file: str, subject: str, question_id: str, value: object) -> Answer:
    if not protocol.has_question(question_id):
        raise VectorsInvalid(file, subject, f"the protocol has no question '{question_id}'")
    answer: Answer
    if isinstance(value, dict):
        status = value.get("status")
        if set(value) != {"status"} or status not in (
            AnswerStatus.PREFERS_NOT_TO_ANSWER.value,
            AnswerStatus.SKIPPED.value,
        ):
            raise VectorsInvalid(
                file,
                subject,
                f"the answer to '{question_id}' must be a value, or "
                '{"status": "prefers_not_to_answer"} or {"status": "skipped"}',
            )
        answer = Answer(question_id, AnswerStatus(status))
    elif isinstance(value, bool) or not isinstance(value, str | int | list):
        raise VectorsInvalid(
            file, subject, f"the answer to '{question_id}' is not an option, a number or a list"
        )
    else:
        try:
            answer = Answer.given(question_id, value)
            validate_answer(protocol.question(question_id), answer)
        except InvalidAnswer as error:
            raise VectorsInvalid(file, subject, error.fault) from None
    return answer


# --- Running ------------------------------------------------------------------------------------


def run_vector(protocol: Protocol, vector: Vector) -> VectorResult:
    """Apply the protocol's rule to one vector's answers, as the interview does."""
    child = presumed_child(protocol, vector.answers)
    result = assess(protocol, vector.answers, presumed_child=child)
    expected = vector.expected
    problems: list[str] = []
    shown = visible_question_ids(protocol, vector.answers, child)
    hidden = [
        q.id
        for q in protocol.questions
        if q.id in vector.answers and q.id not in shown and q.id not in vector.from_common
    ]
    if hidden:
        problems.append(f"answers to questions that are not shown: {', '.join(hidden)}")
    if result.suggested_outcome is not expected.outcome:
        problems.append(f"expected {expected.outcome.value}, got {result.suggested_outcome.value}")
    if result.positive_dimensions != expected.positive_dimensions:
        problems.append(
            f"positive dimensions expected [{', '.join(_names(expected.positive_dimensions))}], "
            f"got [{', '.join(_names(result.positive_dimensions))}]"
        )
    if expected.positive_signs is not None and result.positive_signs != expected.positive_signs:
        problems.append(
            f"positive signs expected [{', '.join(sorted(expected.positive_signs))}], "
            f"got [{', '.join(sorted(result.positive_signs))}]"
        )
    if expected.presumed_child is not None and child is not expected.presumed_child:
        problems.append(
            "expected a presumed child" if expected.presumed_child else "expected an adult"
        )
    return VectorResult(
        vector=vector,
        outcome=result.suggested_outcome,
        positive_dimensions=result.positive_dimensions,
        positive_signs=result.positive_signs,
        presumed_child=child,
        problems=tuple(problems),
    )


def check_protocol(directory: Path, vectors_file: Path | None = None) -> VectorReport:
    """Load the protocol in ``directory`` (every check of the loader) and run its vectors
    (``vectors_file``, by default ``vectors.json`` in the folder)."""
    protocol = load_protocol(directory)
    path = vectors_file if vectors_file is not None else directory / VECTORS_FILE
    vectors = load_vectors(path, protocol)
    return VectorReport(
        protocol_id=protocol.id,
        protocol_version=protocol.version,
        content_hash=protocol.content_hash,
        vectors_file=path,
        results=tuple(run_vector(protocol, vector) for vector in vectors),
    )
