"""Versions of a plan: revising copies a version into a new draft, and two versions are
compared item by item."""
