"""Referral form: render plus two signatures (goal ≤ 0.5 s), and the check of a signed form.

    .venv/bin/python benchmarks/referral_signing.py [--runs N]

Synthetic data only: a training workstation in a temp folder with one decided interview. The
password checks before each signature (Argon2id, ~0.37 s each by design) are measured apart:
they are the cost the station chose per guess, not the cost of making the document.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency, build_referral, form_labels
from interview_room.referral.referrals import Referrals
from interview_room.referral.render import RenderedReferral, render_referral
from interview_room.referral.verification import check_referral
from interview_room.signing.pdf_signatures import sign_pdf, verify_pdf
from interview_room.store.certificates import StationCertificates
from interview_room.store.kdf import DEFAULT_ARGON2
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Workstation

OFFICER = ("oficer.bench", "synthetic-officer-passphrase")
WORKER = ("punonjes.bench", "synthetic-worker-passphrase")


def median_seconds(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up: fonts registered, modules loaded
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="ir-bench-referral-") as tmp:
        created = Workstation(Path(tmp) / "station").create(
            "Morinë",
            "MOR",
            "admin.bench",
            "Admin Shembulli",
            "synthetic-admin-passphrase",
            training=True,
            kdf=DEFAULT_ARGON2,
        )
        admin = created.session
        admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
        worker = admin.add_user(
            WORKER[0], "Punonjëse Sociale Shembulli", Role.SOCIAL_WORKER, WORKER[1]
        )
        admin.logout()
        workstation = Workstation(Path(tmp) / "station")
        session = workstation.unlock(*OFFICER)
        library = ProtocolLibrary()
        result = run_scenario(
            session, library.current(), ScenarioPath.ADULT_POSITIVE, "Drita Shembulli", 1, worker.id
        )
        (case,) = [c for c in session.cases.search() if c.code == result.case_code]
        interview = Interview.resume(session, case.id, library)
        certificates = StationCertificates(session.db)
        chain = certificates.chain()
        officer_key = certificates.signing_key(session.user.id, session.keys.personal_key)
        worker_keys = workstation.confirm_password(*WORKER)
        worker_key = certificates.signing_key(worker.id, worker_keys.personal_key)
        labels = form_labels("sq")

        def render() -> RenderedReferral:
            document = build_referral(
                interview,
                recipient="responsible_authority",
                language="sq",
                urgency=Urgency.IMMEDIATE,
                station_name="Morinë",
                training=True,
                document_number="MOR-BENCH-R1",
                officer_name="Oficer Shembulli",
                social_worker_name="Punonjëse Sociale Shembulli",
            )
            return render_referral(document)

        def render_and_sign_twice(validation_data: bool = True) -> bytes:
            # As the app signs: the officer certifies; each signature carries the chain and
            # fresh revocation lists (made by the station CA at that moment) in its DSS.
            rendered = render()
            once = sign_pdf(
                rendered.pdf,
                officer_key,
                chain,
                field=rendered.officer_field,
                signer_name="Oficer Shembulli",
                reason=labels["signature.officer"],
                location="Morinë",
                certify=True,
                revocation_lists=certificates.revocation_lists() if validation_data else (),
            )
            return sign_pdf(
                once,
                worker_key,
                chain,
                field=rendered.social_worker_field,
                signer_name="Punonjëse Sociale Shembulli",
                reason=labels["signature.social_worker"],
                location="Morinë",
                revocation_lists=certificates.revocation_lists() if validation_data else (),
            )

        signed = render_and_sign_twice()
        anchors = certificates.trust_anchors()
        render_time = median_seconds(render, runs)
        total = median_seconds(render_and_sign_twice, runs)
        without_dss = median_seconds(lambda: render_and_sign_twice(False), runs)
        check = median_seconds(lambda: verify_pdf(signed, anchors), runs)
        profile = median_seconds(lambda: check_referral(signed, anchors), runs)
        password = median_seconds(lambda: workstation.confirm_password(*WORKER), 3)
        referrals = Referrals(session)

        def whole_flow() -> None:
            record = referrals.create(
                interview,
                recipient="shelter",
                language="en",
                urgency=Urgency.ROUTINE,
                officer_password=OFFICER[1],
            )
            referrals.countersign(record.id, *WORKER)

        flow = median_seconds(whole_flow, 3)
        session.logout()

    print(f"cores: {os.cpu_count()}   median of {runs} runs; training chain, ECDSA P-256")
    print(f"{'figure':<52}{'value':>9}   goal")
    print("-" * 76)
    mark = "✓" if total <= 0.5 else "✗"
    print(f"{'render (reportlab, 2 pages)':<52}{render_time:>8.3f}s   (info)")
    print(
        f"{'render + officer signature + social worker signature':<52}{total:>8.3f}s"
        f"   ≤ 0.5 s {mark}"
    )
    print(f"{'  the same without chain and CRLs in the DSS':<52}{without_dss:>8.3f}s   (info)")
    print(f"{'check a doubly signed form (verify_pdf)':<52}{check:>8.3f}s   (info)")
    print(f"{'check it against the referral profile':<52}{profile:>8.3f}s   (info)")
    print(f"{'one password check before a signature (Argon2id)':<52}{password:>8.3f}s   (info)")
    print(
        f"{'whole flow: 2 password checks, render, 2 signatures, store':<52}{flow:>8.3f}s   (info)"
    )
    print(f"{'signed PDF size':<52}{len(signed) / 1024:>7.0f} KB   (info)")


if __name__ == "__main__":
    main()
