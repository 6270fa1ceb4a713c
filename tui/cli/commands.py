"""The subcommands' names, in a module that imports nothing.

The entry point reads them to tell a subcommand from a file to open in the app; importing the
whole command line for that cost the app's start-up the CLI's own modules.
"""

COMMANDS = ("rubrics", "cohorts", "cohort", "new", "validate", "score", "plan", "compare", "ls", "import",
            "export", "action-plan", "convert", "serve", "room", "evidence", "roadmap", "recap")
