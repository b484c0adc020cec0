"""Indexes for the case list's search: newest first, with the searched columns inside the index.

``CaseRegister.search`` matches ``LIKE '%text%'`` on the code, the name and the date, which no
index can seek. These let SQLite walk a narrow index in list order, test the pattern on the
index entry and read a case row only for a match (and stop after the page is full), instead of
reading every case row, which at 50,000 cases no longer fits SQLCipher's page cache
(8,000 KiB by default) and is decrypted again on every keystroke. Measured with 50,000 cases in
``benchmarks/case_list_and_autosave.py``: a text search 40-45 ms -> 7-10 ms, the status filter
25 ms -> 2 ms. The two indexes of migration 1 they replace are dropped.
"""

SQL = """
CREATE INDEX cases_search ON cases (started_at, code, person_name);
CREATE INDEX cases_status_search ON cases (status, started_at, code, person_name);
DROP INDEX cases_started_at;
DROP INDEX cases_status;
"""
