"""Readers for every input users have, and the validation that loses nothing."""
