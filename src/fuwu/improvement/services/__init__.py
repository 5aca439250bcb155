"""Every write of improvement: keyword-only arguments, one transaction, audited.

`nonconformities.raise_nonconformity()` is the interface other apps call (with a
source registered in improvement/sources.py)."""
