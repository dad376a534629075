"""Workstreams, conversation domains, ImROC challenges and steering groups."""
