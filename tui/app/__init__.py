"""The Textual app: screens, widgets, charts and styles over the core (and never the other way)."""
