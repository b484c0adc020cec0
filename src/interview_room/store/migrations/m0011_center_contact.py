"""The station remembers how its last network contact with the central office went (issue 15).

``center_tried_at`` is the last time an upload was tried, ``center_reached_at`` the last time
the centre answered with a receipt it signed, ``center_problem`` what stopped the last try
(the error's class name, never a message: nothing of a case can enter it), or NULL when it
succeeded. ``interview-room status`` and the window's status line read them.
"""

SQL = """
ALTER TABLE sync_link ADD COLUMN center_tried_at TEXT;
ALTER TABLE sync_link ADD COLUMN center_reached_at TEXT;
ALTER TABLE sync_link ADD COLUMN center_problem TEXT;
"""
