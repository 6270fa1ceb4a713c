"""One region's scenario and what comes in or goes out with it: the scenario file, evidence and
its expiry, programmes, published editions, the editing session, sheets and reports read back
as scenarios, the crosswalk conversion and one scenario's summary.
"""

# The public surface, by module. Nothing is imported here: a start-up that needs one module
# must not pay for its siblings.
__all__ = [
    "convert",
    "edit_session",
    "evidence",
    "evidence_sheet",
    "exported_report",
    "external",
    "official",
    "programme",
    "recovery",
    "scenario_file",
    "sheet_detection",
    "sheet_import",
    "sheets",
    "summary",
]
