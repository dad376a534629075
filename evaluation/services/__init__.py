"""Writes of the evaluation app: keyword-only, atomic, and told who acted (``by=``)."""

from .builders import prem_return_build, prom_return_build

__all__ = ["prem_return_build", "prom_return_build"]
