"""Hiring plans: interview stages, kits and scorecards built from a role file."""
