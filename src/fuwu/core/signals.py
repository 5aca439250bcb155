"""Signals core sends for domain apps to act on, without core importing them."""

from django.dispatch import Signal

# Sent by `organization_create` inside its transaction, after its audit entry,
# with `organization` and `actor`: apps give the new organization its reference
# data (the design app: the characteristic model and contact activities).
organization_created = Signal()
