"""The standards Fuwu implements, as data: the SB/T 10382-2004 clause catalog, the ISO 9001:2015
clauses it maps to, and (later) the conformity engine built on them.

`fuwu.standard.library` parses and validates the YAML libraries in `libraries/`; it is pure Python
and imports nothing of Django."""
