"""The app's screens beyond the planner: the editor, evidence, planning (goal seek), comparison,
the province's recap and the coach's room.
"""
