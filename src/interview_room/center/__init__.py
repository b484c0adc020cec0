"""The central office: its store, bundle import with receipts, and (later) statistics."""
