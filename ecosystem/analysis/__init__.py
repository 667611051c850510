"""Analyses: pure functions of an :class:`~ecosystem.model.Ecosystem` returning tables
or result objects. They never print, write files or mutate the ecosystem's graphs."""
