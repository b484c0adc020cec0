"""The encrypted local store: SQLCipher database, key slots, migrations and the audit log."""
