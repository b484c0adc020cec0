"""PyInstaller entry script: run the Interview Room command line (or GUI), exit with its code."""

import sys

from interview_room.cli import main

if __name__ == "__main__":
    sys.exit(main())
