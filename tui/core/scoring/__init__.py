"""A framework and the numbers it gives: the rubric (validated from rubrics/), the index and predikat
of a set of levels, rank among peers, cohorts, peer groups and the national values.

Imports files only: scoring knows nothing of scenarios, plans or rooms.
"""

# The public surface, by module. Nothing is imported here: a start-up that needs one module
# must not pay for its siblings.
__all__ = [
    "cohort",
    "evaluation",
    "national",
    "peer_groups",
    "ranking",
    "rubric",
]
