"""Screening interviews: the protocol used, answers saved one by one, breaks, stops, decisions."""

SQL = """
CREATE TABLE interviews (
    case_id           TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    protocol_id       TEXT NOT NULL,
    protocol_version  TEXT NOT NULL,
    protocol_hash     TEXT NOT NULL,
    person_language   TEXT NOT NULL,
    current_section   TEXT NOT NULL,
    presumed_child    INTEGER NOT NULL DEFAULT 1 CHECK (presumed_child IN (0, 1)),
    outcome           TEXT CHECK (outcome IN ('consent_refused', 'stopped', 'finished')),
    ended_at          TEXT
);

CREATE TABLE answers (
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    status       TEXT NOT NULL
                 CHECK (status IN ('answered', 'prefers_not_to_answer', 'skipped')),
    value        TEXT,
    answered_at  TEXT NOT NULL,
    answered_by  TEXT REFERENCES users (id),
    PRIMARY KEY (case_id, question_id)
) WITHOUT ROWID;

CREATE TABLE interview_events (
    id       INTEGER PRIMARY KEY,
    case_id  TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('started', 'break_started', 'break_ended', 'stopped',
                                           'resumed', 'consent_refused', 'finished')),
    actor    TEXT REFERENCES users (id),
    detail   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX interview_events_case ON interview_events (case_id, id);

CREATE TABLE decisions (
    case_id            TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    suggested_outcome  TEXT NOT NULL,
    suggestion         TEXT NOT NULL,
    decision           TEXT NOT NULL CHECK (decision IN ('potential_victim', 'child_at_risk',
                                                         'indicators_not_met', 'not_determined')),
    reasons            TEXT NOT NULL,
    officer_id         TEXT NOT NULL REFERENCES users (id),
    social_worker_id   TEXT REFERENCES users (id),
    decided_at         TEXT NOT NULL
);
"""
