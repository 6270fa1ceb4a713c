"""Planning: the cost model, the solvers (exact search and the HiGHS MILP), robust plans against
rejection, targets, roadmaps year by year (the Peta Rencana), the action plan and the
province's plan over its regions.
"""

# The public surface, by module. Nothing is imported here: a start-up that needs one module
# must not pay for its siblings.
__all__ = [
    "action_plan",
    "costs",
    "margins",
    "milp",
    "peta_rencana",
    "planning",
    "programme_choice",
    "province_plan",
    "robust",
    "solve_limits",
    "solver",
    "targets",
]
