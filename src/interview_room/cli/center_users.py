"""``interview-room center init|set-password|users|add-user|change-password|remove-user``: who
may sign in to the central office (the first administrator, the users and their roles, one's own
password). Removing a user or changing a password changes the database key."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_room.cli.center_sign_in import add_centre_sign_in, centre_sign_in_with
from interview_room.cli.common import EXIT_OK, read_password
from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.center.store import CenterStore

ROLES = ("center_admin", "registry", "statistics")


def add_commands(center_commands: Any) -> None:
    init = center_commands.add_parser(
        "init",
        help="set up a central office with its first administrator (or --training without)",
    )
    init.add_argument("--center-dir", type=Path, required=True)
    init.add_argument(
        "--training", action="store_true", help="a training centre (synthetic data only)"
    )
    init.add_argument("--display-name", help="the first administrator's name, as shown")
    add_centre_sign_in(init, "the first administrator's new password")
    first = center_commands.add_parser(
        "set-password",
        help="a centre from before sign-in: become its first administrator; the plain key"
        " file is then removed",
    )
    first.add_argument("--center-dir", type=Path, required=True)
    first.add_argument("--display-name", required=True)
    add_centre_sign_in(first, "your new password")
    users = center_commands.add_parser("users", help="list the centre's users (administrator)")
    users.add_argument("--center-dir", type=Path, required=True)
    add_centre_sign_in(users)
    add_user = center_commands.add_parser("add-user", help="give a user a password and a role")
    add_user.add_argument("--center-dir", type=Path, required=True)
    add_user.add_argument("--new-user", required=True, metavar="USERNAME")
    add_user.add_argument("--display-name", required=True)
    add_user.add_argument("--role", required=True, choices=ROLES)
    add_centre_sign_in(add_user, "your password, then the new user's password")
    change = center_commands.add_parser(
        "change-password",
        help="change your own password (the database key changes, so an old copy of"
        " center.keyring with the old password opens nothing)",
    )
    change.add_argument("--center-dir", type=Path, required=True)
    add_centre_sign_in(change, "your current password, then the new one")
    remove_user = center_commands.add_parser("remove-user", help="take a user's password away")
    remove_user.add_argument("--center-dir", type=Path, required=True)
    remove_user.add_argument("--user", required=True, metavar="USERNAME")
    add_centre_sign_in(remove_user)


def set_up(center: CenterStore, args: argparse.Namespace) -> int:
    """``init`` (a new centre) and ``set-password`` (a centre from before sign-in)."""
    from interview_room.center.store import NewCenterUser

    admin = None
    if args.username is not None:
        if not args.password_stdin:
            raise InterviewRoomError("--username goes with --password-stdin.")
        admin = NewCenterUser(args.username, args.display_name or args.username, read_password())
    if args.center_command == "set-password":
        if admin is None:
            raise InterviewRoomError("set-password needs --username and --password-stdin.")
        center.set_first_password(admin)
        print(
            f"{admin.username} is the first administrator of the central office in"
            f" {args.center_dir}; the plain key file is removed."
        )
        return EXIT_OK
    keys = center.create(training=args.training, admin=admin)
    print(f"Central office ready in {args.center_dir}")
    print(f"  age recipient: {keys.age_recipient}")
    return EXIT_OK


def manage_users(center: CenterStore, args: argparse.Namespace) -> int:
    from interview_room.center.store import NewCenterUser
    from interview_room.center.users import CenterRole

    if args.center_command == "add-user":
        user = center.add_user(
            NewCenterUser(args.new_user, args.display_name, read_password(), CenterRole(args.role))
        )
        print(f"{user.username} ({user.role.value}) can now sign in.")
    elif args.center_command == "remove-user":
        rekeyed = center.remove_user(args.user)
        print(f"{args.user} can no longer sign in.")
        if not rekeyed.done:
            # An old copy of the keyring still opens the store until the key changes.
            print(
                "The database key changes at the next sign-in that finds the centre free"
                f" (waiting for: {', '.join(rekeyed.waiting_for)})."
            )
    else:
        for user in center.users():
            print(f"{user.username}\t{user.role.value}\t{user.display_name}")
    return EXIT_OK


def change_password(center: CenterStore, args: argparse.Namespace) -> int:
    """Sign in with the current password (the first line), then set the second line as the
    new one; every user may change their own."""
    from interview_room.center.store import CenterSignInRequired

    if args.username is None or not args.password_stdin:
        raise CenterSignInRequired("change-password needs --username and --password-stdin.")
    current = read_password()
    new = read_password()
    centre_sign_in_with(center, args.username, current)
    rekeyed = center.change_password(current, new)
    print(f"The password of {center.user.username} is changed.")
    if not rekeyed.done:
        print(
            "The database key changes at the next sign-in that finds the centre free"
            f" (waiting for: {', '.join(rekeyed.waiting_for)})."
        )
    return EXIT_OK
