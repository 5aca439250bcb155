"""Core mechanisms every part of Fuwu stands on: tenancy, roles, the audit trail,
registers, numbering, attachments. Imports no domain app."""
