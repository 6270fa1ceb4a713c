"""The domain core: rubrics, scoring, ranking, scenario and cohort files.

Nothing under this package may import textual, rich or plotext; it is usable from plain Python
and is what the CLI and the app are built on.
"""
