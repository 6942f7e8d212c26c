"""`storyworld eval STAGE`: score a stage on gold data; one scorer module per stage."""

from .metrics import EvalReport, PRF, prf

__all__ = ["EvalReport", "PRF", "prf"]
