"""Every write of operations: keyword-only arguments, one transaction, audited. Each
capability keeps its services in its own module (requests.py, settings.py, ...)."""
