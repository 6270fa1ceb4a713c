"""The contract between the coaching server and a participant's app, in one place.

The server (tui/serve) starts each participant's app with these environment variables and reads
what the app leaves in the room's folder; the app (and the core modules it uses) reads the same
names. Both sides import them from here, so a rename cannot break one side silently.
"""

from __future__ import annotations

from pathlib import Path

# What the server sets for the app it starts.
LANG_ENV = "SPBE_PLANNER_LANG"  # the participant's language (id, en)
USER_ENV = "SPBE_PLANNER_USER"  # the participant's user name
WORKSPACE_ENV = "SPBE_PLANNER_WORKSPACE"  # the folder the app is confined to
ERROR_LOG_ENV = "SPBE_PLANNER_ERROR_LOG"  # where a served app's traceback goes (never the participant)
PRESENCE_DIR_ENV = "SPBE_PLANNER_PRESENCE_DIR"  # where the app says what it has open (tui.core.room.presence)
DOOR_ENV = "SPBE_PLANNER_DOOR"  # "web" for the browser door, unset for SSH

# The room folder's parts both sides know.
ONLINE_DIR = "online"  # presence files, one per running app
CONTROL_SOCKET = "control.sock"  # the server's socket for the coach's watch requests


def online_dir(room: Path) -> Path:
    return room / ONLINE_DIR


def watched_flag(room: Path, user: str, pid: int) -> Path:
    """The file that tells a participant's app it is being watched (it shows a notice)."""
    return online_dir(room) / f"{user}.{pid}.watched"


def control_socket(room: Path) -> Path:
    return room / CONTROL_SOCKET
