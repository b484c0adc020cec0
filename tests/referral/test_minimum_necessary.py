"""Minimum necessary per recipient (issue 12): each recipient's referral carries only its field
groups (``resources/referral/recipients.json``), with the person's consent to share with it or
where a law requires it (the basis printed); the preview is what the signed PDF says."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import ReferralDocument, Urgency, as_text, build_referral
from interview_room.referral.recipients import (
    Basis,
    ReferralNeedsConsent,
    duty_applies,
    recipient_table,
    referral_basis,
)
from interview_room.referral.referrals import ReferralPdfErased, Referrals
from interview_room.resources import resources_root
from interview_room.screening import Answer, SectionKind, text
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario, scenario_answers
from interview_room.workstation import Session
from tests.conftest import CreatedStation, WorkstationFactory
from tests.external_tools import pdf_words

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
PERSON = "Drita Shembulli-Mn5"
REASONS = "Rast trajnimi sintetik: u mashtrua për punën, nuk u pagua, nuk kishte liri të largohej."


@dataclass
class Station:
    created: CreatedStation
    officer: Session
    worker_id: str

    def case(self, path: ScenarioPath, index: int = 1, name: str = PERSON) -> Interview:
        result = run_scenario(
            self.officer, ProtocolLibrary().current(), path, name, index, self.worker_id
        )
        case = next(c for c in self.officer.cases.search() if c.code == result.case_code)
        return Interview.resume(self.officer, case.id, ProtocolLibrary())


def open_station(workstation: WorkstationFactory) -> Station:
    """A training workstation with an officer (signed in) and a social worker."""
    created = workstation(training=True)
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Sociale Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    return Station(created, created.workstation.unlock(*OFFICER), worker.id)


@pytest.fixture
def station(workstation: WorkstationFactory) -> Station:
    return open_station(workstation)


def preview(station: Station, interview: Interview, recipient: str, language: str = "en") -> str:
    document = Referrals(station.officer).preview(
        interview, recipient=recipient, language=language, urgency=Urgency.ROUTINE
    )
    return as_text(document)


def titles(document_text: str) -> set[str]:
    return {line for line in document_text.splitlines() if line and not line.startswith(" ")}


def test_each_recipient_receives_only_the_groups_it_needs(station: Station) -> None:
    interview = station.case(ScenarioPath.ADULT_POSITIVE)  # agrees to RA, SSS, shelter, health
    protocol = interview.protocol
    found = interview.assessment().indicator_ids
    assert found
    an_indicator = text(protocol, "en", protocol.indicator(found[0]).text)

    authority = preview(station, interview, "responsible_authority")
    assert {"The person", "Immediate needs", "Decision of the interviewers"} <= titles(authority)
    assert "Indicators of trafficking (suggestion of the software)" in titles(authority)
    assert PERSON in authority and REASONS in authority and an_indicator in authority

    health = preview(station, interview, "health_services")
    assert titles(health) == {
        "Referral",
        "The person",
        "For health care",
        "Consents given by the person",
    }
    assert PERSON in health, "care needs to know who"
    for withheld in (REASONS, an_indicator, "Indicators", "Decision", "Immediate needs"):
        assert withheld not in health, withheld

    shelter = preview(station, interview, "shelter")
    assert titles(shelter) == {
        "Referral",
        "The person",
        "Immediate needs",
        "Safety and the person's own view",
        "Consents given by the person",
    }
    assert REASONS not in shelter and an_indicator not in shelter


def test_the_signed_pdf_says_exactly_what_the_preview_showed(
    station: Station, tmp_path: Path
) -> None:
    interview = station.case(ScenarioPath.ADULT_POSITIVE)
    shown = preview(station, interview, "health_services")
    referrals = Referrals(station.officer)
    record = referrals.create(
        interview,
        recipient="health_services",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    printed = pdf_words(referrals.pdf(record.id), tmp_path)
    for line in shown.splitlines():
        # A line is "label: value"; the form prints the two in a table's two columns.
        for words in " ".join(line.split()).rsplit(": ", 1):
            if words:
                assert words in printed, words
    for withheld in ("Indicators of trafficking", "Decision of the interviewers", REASONS):
        assert withheld not in printed


def test_without_consent_and_without_a_duty_there_is_no_referral(station: Station) -> None:
    interview = station.case(ScenarioPath.ADULT_POSITIVE)  # an adult; no consent to the CPU
    referrals = Referrals(station.officer)
    with pytest.raises(ReferralNeedsConsent):
        preview(station, interview, "child_protection_unit")
    # Refused before the password: a wrong one is not even counted.
    with pytest.raises(ReferralNeedsConsent):
        referrals.create(
            interview,
            recipient="child_protection_unit",
            language="en",
            urgency=Urgency.ROUTINE,
            officer_password="not-the-password",
        )
    assert referrals.for_case(interview.case.id) == []
    assert not any(e.event == "login_failed" for e in station.officer.audit.entries())


def test_a_skipped_sharing_consent_is_not_a_yes(station: Station) -> None:
    protocol = ProtocolLibrary().current()
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE, 1)
    del answers["consent_share_shelter"]
    interview = Interview.begin(station.officer, protocol, "sq", PERSON, station.worker_id)
    for section in protocol.sections:
        if section.kind is SectionKind.DETERMINATION:
            break
        interview.go_to(section)
        for _ in range(3):  # an answer may show follow-ups
            for question in interview.visible_questions(section):
                if question.id in answers and question.id not in interview.answers:
                    interview.answer(Answer.given(question.id, answers[question.id]))
    interview.skip("consent_share_shelter")
    interview.go_to(protocol.sections[-1])
    interview.record_decision("potential_victim", REASONS)
    with pytest.raises(ReferralNeedsConsent):
        preview(station, interview, "shelter")
    assert "The person" in titles(preview(station, interview, "responsible_authority"))


def test_a_child_goes_to_the_child_protection_unit_by_law_with_the_law_printed(
    station: Station, tmp_path: Path
) -> None:
    child = station.case(ScenarioPath.CHILD)  # no consent to the CPU: the law requires it
    assert referral_basis(child, "child_protection_unit").legal_basis
    english = preview(station, child, "child_protection_unit")
    assert "Legal basis of a referral without consent" in titles(english)
    assert "Law no. 18/2017" in english and "a legal duty, without the person's consent" in english
    referrals = Referrals(station.officer)
    record = referrals.create(
        child,
        recipient="child_protection_unit",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
        person_told=True,  # the child was told (finding 10; tests/referral/test_informing.py)
    )
    assert not record.consented
    printed = pdf_words(referrals.pdf(record.id), tmp_path)
    assert "Ligji nr. 18/2017" in printed and "VKM nr. 499" in printed
    assert "Baza ligjore e referimit pa pëlqim" in printed


def _police_table(tmp_path: Path, recipient: str) -> Path:
    """The shipped table with ``recipient`` made a police recipient (protocol v1 has none)."""
    folder = tmp_path / "referral"
    folder.mkdir(parents=True)
    table = json.loads((resources_root() / "referral" / "recipients.json").read_text("utf-8"))
    table["recipients"][recipient] = "police"
    (folder / "recipients.json").write_text(json.dumps(table), encoding="utf-8")
    return folder


def _build(interview: Interview, recipient: str, folder: Path) -> ReferralDocument:
    return build_referral(
        interview,
        recipient=recipient,
        language="en",
        urgency=Urgency.WITHIN_24_HOURS,
        station_name="Morinë",
        training=True,
        document_number="TRN-1-R1",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
        table=recipient_table(folder),
    )


def test_a_report_the_law_requires_carries_the_offence_not_the_person(
    station: Station, tmp_path: Path
) -> None:
    folder = _police_table(tmp_path, "health_services")
    suspected = station.case(ScenarioPath.STORAGE_REFUSED, 6, "Hana Shembulli-Pq1")  # no consent
    report = as_text(_build(suspected, "health_services", folder))
    assert "Article 281 of the Code of Criminal Procedure" in report
    assert "The person" not in titles(report) and "Hana" not in report
    assert "Indicators of trafficking (suggestion of the software)" in titles(report)

    not_suspected = station.case(ScenarioPath.ADULT_NOT_INDICATED, 2, "Ilir Shembulli-Tt4")
    no_duty = _police_table(tmp_path / "other", "child_protection_unit")
    with pytest.raises(ReferralNeedsConsent):
        _build(not_suspected, "child_protection_unit", no_duty)


def test_a_referral_the_person_agreed_to_is_made_from_memory_when_no_record_is_kept(
    station: Station,
) -> None:
    interview = station.case(ScenarioPath.STORAGE_REFUSED, 6)
    assert station.officer.cases.get(interview.case.id).person_name == ""
    shelter = preview(station, interview, "shelter")
    assert PERSON in shelter, "the shelter gets who is coming, as the person agreed"
    with pytest.raises(ReferralNeedsConsent):
        preview(station, interview, "responsible_authority")


def test_every_recipient_of_every_shipped_protocol_has_a_row_in_the_table() -> None:
    table = recipient_table()
    for path in sorted((resources_root() / "protocols").glob("*/protocol.json")):
        recipients = json.loads(path.read_text(encoding="utf-8"))["referral_recipients"]
        missing = [r for r in recipients if r not in table.rules]
        assert not missing, (
            f"{path.parent.name}: add {missing} to resources/referral/recipients.json"
        )
    readme = (resources_root() / "referral" / "README.md").read_text(encoding="utf-8")
    kinds = json.loads((resources_root() / "referral" / "recipients.json").read_text("utf-8"))
    for kind in kinds["kinds"]:
        assert re.search(rf"\| `{kind}`", readme), (
            f"README.md must say why {kind} gets what it gets"
        )


def test_without_a_record_kept_the_signed_form_is_not_kept_once_handed_over(
    station: Station, tmp_path: Path
) -> None:
    interview = station.case(ScenarioPath.STORAGE_REFUSED, 6)
    referrals = Referrals(station.officer)
    record = referrals.create(
        interview,
        recipient="shelter",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    referrals.export(record.id, tmp_path / "draft.pdf")
    assert referrals.pdf(record.id), "kept until the social worker has signed it too"
    record = referrals.countersign(record.id, *WORKER)
    handed = referrals.export(record.id, tmp_path / "shelter.pdf")
    assert handed.read_bytes().startswith(b"%PDF")
    with pytest.raises(ReferralPdfErased):
        referrals.pdf(record.id)
    (made,) = referrals.for_case(interview.case.id)
    assert made.recipient == "shelter" and made.fully_signed, "the referral made is kept"


def test_a_child_merely_at_risk_is_no_suspicion_of_an_offence(
    station: Station, tmp_path: Path
) -> None:
    # Second practitioner's review, finding 9: "child at risk" means no indicator of trafficking
    # (circumstances only): the Child Protection Unit is informed by law, the police are not.
    police = recipient_table(_police_table(tmp_path, "health_services")).rule("health_services")
    assert police.by_law is not None and police.by_law.when == "trafficking_suspected"
    protocol = ProtocolLibrary().current()
    answers = scenario_answers(ScenarioPath.CHILD, 1)
    child = Interview.begin(station.officer, protocol, "sq", PERSON, station.worker_id)
    for section in protocol.sections:
        if section.kind is SectionKind.DETERMINATION:
            break
        child.go_to(section)
        for _ in range(3):  # an answer may show follow-ups
            for question in child.visible_questions(section):
                if question.id in answers and question.id not in child.answers:
                    child.answer(Answer.given(question.id, answers[question.id]))
    child.go_to(protocol.sections[-1])
    child.record_decision("child_at_risk", REASONS)
    assert child.presumed_child
    assert not duty_applies(police.by_law, child)
    assert referral_basis(child, "child_protection_unit").basis is Basis.LAW
    suspected = station.case(ScenarioPath.CHILD)
    decision = suspected.decision()
    assert decision is not None and decision.decision == "potential_victim"
    assert duty_applies(police.by_law, suspected)
