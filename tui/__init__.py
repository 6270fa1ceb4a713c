"""spbe-planner: what-if planning for SPBE / Pemerintah Digital evaluations.

Kept empty on purpose: importing the package must not pull in the UI (start-up time and the
core's import boundary both depend on it).
"""

__version__ = "0.1.0"
