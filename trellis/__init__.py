"""Trellis: behavioral-health treatment planning."""
