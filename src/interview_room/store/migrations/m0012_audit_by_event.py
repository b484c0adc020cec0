"""The audit log can be searched by event (issue 13, attacker 3).

A certificate counts as revoked when its user's ``password_changed``, ``password_reset`` or
``user_disabled`` entry follows its issue (``StationCertificates.given_up``), which is asked
whenever a signing key is looked up, a referral is checked or a revocation list is signed.
Without an index that question reads the whole log (about 1–2 s for 300,000 entries).
"""

SQL = """
CREATE INDEX audit_log_by_event ON audit_log (event);
"""
