"""The presentation layer: UI-free text for people — the catalogue (Bahasa Indonesia and English),
numbers in the user's locale, rank and result text, error messages, reports. Used by the CLI, the
SSH door and the app alike; it imports the core and no UI library."""
