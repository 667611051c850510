"""Everything that writes for people: maps, reports, exports, CLI tables."""
