# -*- coding: latin-1 -*-
"""A module saved in Latin-1, with a PEP 263 declaration: its strings must read
as the interpreter reads them (é is one character, U+00E9)."""

GREETING = "café crème brûlée"


def test_latin1_text() -> None:
    print(GREETING, len(GREETING), [hex(ord(c)) for c in GREETING if ord(c) > 127])
    print(GREETING.upper(), GREETING.encode("utf-8"))


def test_latin1_in_code() -> None:
    naïve = "© µ ½"  # an identifier and a string with Latin-1 letters
    print(naïve, len(naïve), "é" in GREETING)
