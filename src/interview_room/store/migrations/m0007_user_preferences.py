"""Per-user preferences beyond the language: high contrast.

``NULL`` means the user never chose, so the system's own preference applies; 0 and 1 are the
user's choice (off or on), which follows them to every sign-in on this station.
"""

SQL = """
ALTER TABLE users ADD COLUMN high_contrast INTEGER CHECK (high_contrast IN (0, 1));
"""
