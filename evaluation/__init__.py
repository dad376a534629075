"""Outcome measures, dashboards and the annual evaluation report."""
