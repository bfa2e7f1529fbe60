"""Live panels: controls + one figure built once + an update() that changes artist data."""
from .base import Panel
from .descent_1d import Descent1DPanel
from .first_step import FirstStepPanel

__all__ = ["Panel", "Descent1DPanel", "FirstStepPanel"]
