"""Divisions, teams and team memberships."""
