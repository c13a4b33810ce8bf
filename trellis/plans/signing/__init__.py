"""Signatures on a version of a plan: who may sign in which role, the hash of exactly what was
signed, and the practice's co-signature rules."""
