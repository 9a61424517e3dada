"""cmplanner — a desktop content planner for freelance community managers."""

__version__ = "0.1.0"
