from .editions import Edition
from .methods import Method, MethodStep, MethodTemplate, MethodVersion, Placement

__all__ = ["Edition", "Method", "MethodStep", "MethodTemplate", "MethodVersion", "Placement"]
