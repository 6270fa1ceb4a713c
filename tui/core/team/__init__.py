"""Several files at once: comparing scenarios, folder listings, the province's recap, consolidating
regions and building a cohort from published results.
"""

# The public surface, by module. Nothing is imported here: a start-up that needs one module
# must not pay for its siblings.
__all__ = [
    "cohort_import",
    "compare",
    "consolidate",
    "listing",
    "recap",
]
