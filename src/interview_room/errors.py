"""The root of every typed refusal in Interview Room.

Each refusal is its own exception class so that callers (GUI, CLI, tests) react to the kind of
problem, never to message text. ``str(error)`` is one plain English sentence for logs and the
command line; the GUI maps classes to translated wording.
"""


class InterviewRoomError(Exception):
    """Base class of every refusal the core raises on purpose."""
