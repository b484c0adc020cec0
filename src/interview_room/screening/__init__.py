"""The Qt-free screening core: the protocol, the interview's flow and the decision rule.

The wizard needs only what is exported here; see each module for details.
"""

from interview_room.screening.answers import (
    Answer,
    Answers,
    AnswerStatus,
    ConsentState,
    is_presumed_child,
)
from interview_room.screening.assessment import (
    DimensionResult,
    IndicatorAssessment,
    SignResult,
    assess,
    assess_indicators,
    explain,
    indicators_from_answers,
    recorded_forms,
)
from interview_room.screening.conditions import Condition, evaluate
from interview_room.screening.errors import (
    InvalidAnswer,
    ProtocolError,
    TextNotFound,
    UnknownIndicator,
)
from interview_room.screening.flow import (
    effective_answers,
    presumed_child,
    validate_answer,
    visible_question_ids,
    visible_questions,
)
from interview_room.screening.loader import load_protocol, shipped_protocol_dir
from interview_room.screening.protocol import (
    AnswerType,
    Audience,
    Consent,
    ConsentScope,
    Dimension,
    ExploitationForm,
    Indicator,
    IndicatorList,
    Outcome,
    Protocol,
    Question,
    Section,
    SectionKind,
    Strength,
    TextId,
    person_text,
    section_intro,
    text,
)

__all__ = [
    "Answer",
    "AnswerStatus",
    "AnswerType",
    "Answers",
    "Audience",
    "Condition",
    "Consent",
    "ConsentScope",
    "ConsentState",
    "Dimension",
    "DimensionResult",
    "ExploitationForm",
    "Indicator",
    "IndicatorAssessment",
    "IndicatorList",
    "InvalidAnswer",
    "Outcome",
    "Protocol",
    "ProtocolError",
    "Question",
    "Section",
    "SectionKind",
    "SignResult",
    "Strength",
    "TextId",
    "TextNotFound",
    "UnknownIndicator",
    "assess",
    "assess_indicators",
    "effective_answers",
    "evaluate",
    "explain",
    "indicators_from_answers",
    "is_presumed_child",
    "load_protocol",
    "person_text",
    "presumed_child",
    "recorded_forms",
    "section_intro",
    "shipped_protocol_dir",
    "text",
    "validate_answer",
    "visible_question_ids",
    "visible_questions",
]
