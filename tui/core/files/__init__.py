"""Reading and writing the user's files safely: size and type guards, the workspace's confinement,
TOML limits, atomic saves, and telling a file's kind by its content.

Imports nothing of the other concepts: every other part of the core reads through it.
"""

# The public surface, by module. Nothing is imported here: a start-up that needs one module
# must not pay for its siblings.
__all__ = [
    "file_kinds",
    "guarded",
    "toml_limits",
    "workspace",
]
