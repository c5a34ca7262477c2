"""A package whose modules call each other (cross-module calls)."""

VERSION: str = "1.0"
