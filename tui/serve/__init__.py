"""`spbe-planner serve`: the SSH front door for coaching sessions (asyncssh; no Textual import)."""
