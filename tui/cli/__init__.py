"""The command-line layer: argument parsing and text/JSON output over the core. No Textual here."""
