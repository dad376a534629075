"""Pages of the strategy: the overview, workstreams, goals, actions, progress, meetings and reports."""
