"""Who may decide scope and applicability, and who may assess clauses."""

from fuwu.core.models import Role

CAPABILITIES = {
    "standard.view": frozenset(Role.values),
    "standard.manage_scope": frozenset({Role.ADMIN, Role.QUALITY_MANAGER}),
    "standard.assess": frozenset({Role.ADMIN, Role.QUALITY_MANAGER, Role.AUDITOR}),
}
