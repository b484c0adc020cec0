import sys

from interview_room.cli import main

sys.exit(main())
