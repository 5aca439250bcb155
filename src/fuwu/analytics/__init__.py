"""Pure-Python analytics for Fuwu: satisfaction, Kano, IPA, SERVQUAL and control charts.

Standard library only (``statistics``, ``math``) and no Django: the dashboards call these
functions on rollups, so inputs are small, and each function can be tested against the
published worked example of the method it follows (see docs/reference/analytics.md, ADR 0027).
"""
