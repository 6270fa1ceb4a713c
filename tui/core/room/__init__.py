"""The coaching room: its folder, join codes and participants, who is online (presence), the
coach's status and summary of the class, and the served app's error log.
"""

# The public surface, by module. Nothing is imported here: a start-up that needs one module
# must not pay for its siblings.
__all__ = [
    "folder",
    "presence",
    "room_status",
    "room_summary",
    "served_log",
]
