"""The annual Trust-wide evaluation report (compiled in the background) and the team performance report."""
