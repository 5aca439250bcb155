"""The sections the standard contributes to the service manual (4.6.3 a and c): the
model and scope of the service management system, the exclusions with their
justifications, the four processes of 4.1.2 and how they interact (a diagram), and
the clause cross-reference (SB/T 10382 clause ↔ manual section ↔ ISO 9001:2015).

Discovered by the documents app at start-up, like every app's `manual.py`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.compose import labelled, listed, noted
from fuwu.core.dates import day_text
from fuwu.core.manual import (
    Block,
    BulletList,
    Diagram,
    Heading,
    ManualContext,
    Paragraph,
    Table,
    manual_section,
)
from fuwu.core.models import Site

from .models import Applicability, Clause
from .selectors import sbt_clauses, scope_of

# The four processes of 4.1.2, each named by its clause.
PROCESSES = (
    ("responsibility", "4.2"),
    ("resources", "4.3"),
    ("realization", "4.4"),
    ("measurement", "4.5"),
)
# The standard's own terms for the rest of Figure 1, in both languages (the glossary's).
TERMS = {
    "contact": ("Contact process", "接触过程"),
    "customer": ("Customer", "顾客"),
    "requirements": ("Customer requirements", "顾客要求"),
    "satisfaction": ("Customer satisfaction", "顾客满意"),
    "improvement": (
        "Continual improvement of the service management system",
        "服务管理体系的持续改进",
    ),
}


def catalog(context: ManualContext) -> dict[str, Clause]:
    """The SB/T 10382 clauses by ref id, read once per manual."""
    return context.shared(
        "sbt.catalog", lambda: {c.ref_id: c for c in sbt_clauses().select_related("parent")}
    )


def exclusions(context: ManualContext) -> list[Applicability]:
    return context.shared(
        "sbt.exclusions",
        lambda: list(
            Applicability.objects.filter(organization=context.organization, applicable=False)
            .select_related("clause", "decided_by")
            .order_by("clause__order")
        ),
    )


def _title(context: ManualContext, ref: str) -> str:
    clause = catalog(context).get(ref)
    return clause.title if clause else ref


def _pair(context: ManualContext, en: str, zh: str) -> dict[str, str]:
    """A label in the manual's language with the other language beneath it."""
    return {"main": zh, "other": en} if context.chinese else {"main": en, "other": zh}


# -- model and scope (1, 4.1, 4.6.3 a) --------------------------------------------------


@manual_section(
    order=20,
    key="scope",
    title=gettext_lazy("The service management system: model and scope"),
    clauses=("1", "4", "4.1", "4.1.1", "4.1.1.1", "4.6.3 a"),
)
def scope(context: ManualContext) -> list[Block]:
    org = context.organization
    blocks: list[Block] = [
        Heading(_("Model")),
        Paragraph.of(
            _(
                "%(organization)s runs a service management system according to SB/T "
                "10382-2004. The system is built on the principles and methods of quality "
                "management (clause 4.1.1.1) and treated as one process made of four: service "
                "management responsibility, service resource management, service realization, "
                "and service measurement, analysis and improvement (clause 4.1.2, section "
                "%(processes)s). Its core is the contact process between the organization and "
                "its customers, and its everyday aim is lasting customer satisfaction."
            )
            % {"organization": org.name, "processes": context.number_of("processes") or "—"}
        ),
        Heading(_("Scope")),
    ]
    found = scope_of(org)
    statement = found.statement if found else ""
    if statement.strip():
        blocks += [Paragraph.of(line) for line in statement.splitlines() if line.strip()]
    else:
        blocks.append(
            Paragraph.of(
                _(
                    "No scope statement is recorded yet. Clause 1 asks the organization to "
                    "state clearly which services and sites its service management system "
                    "covers."
                ),
                "notice",
            )
        )
    if found is None or found.all_sites:
        sites = list(
            context.visible(Site.objects.filter(organization=org, is_active=True)).order_by("code")
        )
        lead = _("Sites in scope: all sites of the organization.")
    else:
        sites = sorted(context.visible(found.sites.all()), key=lambda s: s.code)
        lead = _("Sites in scope:")
    blocks.append(Paragraph.of(lead))
    if sites:
        blocks.append(
            BulletList.of(
                f"{site.code} · {site.name}" + (f" — {site.address}" if site.address else "")
                for site in sites
            )
        )
    else:
        blocks.append(Paragraph.of(_("No site is recorded yet."), "note"))
    blocks.append(Heading(_("Relationship with ISO 9001")))
    if found is not None and found.iso9001_certificate:
        blocks.append(
            Table(
                rows=(
                    (_("ISO 9001 certificate"), found.iso9001_certificate),
                    (_("Certification body"), found.iso9001_certifier or "—"),
                    (
                        _("Valid until"),
                        found.iso9001_valid_until.isoformat() if found.iso9001_valid_until else "—",
                    ),
                ),
                widths=(2, 3),
            )
        )
        blocks.append(
            Paragraph.of(
                _(
                    "The requirements of SB/T 10382 are part of the certified quality "
                    "management system; the cross-reference (section %(section)s) shows the "
                    "ISO 9001:2015 clause each one corresponds to."
                )
                % {"section": context.number_of("crossref") or "—"}
            )
        )
    else:
        blocks.append(
            Paragraph.of(
                _(
                    "No ISO 9001 certificate is recorded. The cross-reference (section "
                    "%(section)s) shows the ISO 9001:2015 clause each requirement corresponds to."
                )
                % {"section": context.number_of("crossref") or "—"}
            )
        )
    blocks.append(
        Paragraph.of(
            _("Exclusions and their justification: section %(section)s.")
            % {"section": context.number_of("exclusions") or "—"}
        )
    )
    return blocks


@manual_section(
    order=30,
    key="exclusions",
    title=gettext_lazy("Exclusions and their justification"),
    clauses=("4.6.3 a",),
)
def exclusions_section(context: ManualContext) -> list[Block]:
    excluded = exclusions(context)
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "SB/T 10382-2004 lets an organization exclude a requirement only where the "
                "standard allows it and the exclusion does not affect its ability to satisfy "
                "customers. Every exclusion is recorded with its written justification, who "
                "decided it and when."
            )
        )
    ]
    if not excluded:
        blocks.append(
            Paragraph.of(_("No clause is excluded: every requirement of the standard applies."))
        )
        return blocks
    blocks.append(
        Table(
            rows=tuple(
                (
                    d.clause.ref_id,
                    d.clause.title,
                    d.justification,
                    d.decided_by.display_name if d.decided_by else "—",
                    day_text(d.decided_at, "—"),
                )
                for d in excluded
            ),
            columns=(_("Clause"), _("Title"), _("Justification"), _("Decided by"), _("Date")),
            widths=(0.9, 2, 4, 1.3, 1.1),
        )
    )
    return blocks


# -- the processes and their interaction (4.1.2, 4.6.3 c) --------------------------------


def _purposes() -> dict[str, str]:
    return {
        "responsibility": _(
            "Top management commits to the system, sets the service policy and objectives, "
            "defines responsibilities and authorities, plans the system and reviews it."
        ),
        "resources": _(
            "Puts people first: competent, trained service personnel and the facilities, "
            "supplies and environment each contact point needs."
        ),
        "realization": _(
            "Plans and designs the service and its contact points, identifies customer "
            "requirements, makes and keeps service commitments and controls each contact "
            "with customers."
        ),
        "measurement": _(
            "Evaluates service quality inside and through customers, audits the system, "
            "controls nonconforming service, analyses data and improves with corrective, "
            "preventive and remedial actions."
        ),
    }


def _flows(context: ManualContext) -> list[str]:
    t = {key: _title(context, ref) for key, ref in PROCESSES}
    return [
        _(
            "%(from)s → %(to)s: the policy, the objectives and the plans say which people and "
            "resources the service needs."
        )
        % {"from": t["responsibility"], "to": t["resources"]},
        _(
            "%(from)s → %(to)s: competent people, facilities, supplies and environment make the "
            "service possible at every contact point."
        )
        % {"from": t["resources"], "to": t["realization"]},
        _(
            "%(from)s → %(to)s: the contact with customers produces evaluations, inspection "
            "results, complaints and records to measure."
        )
        % {"from": t["realization"], "to": t["measurement"]},
        _(
            "%(from)s → %(to)s: analysed results, audit findings and actions are inputs to the "
            "management review, which changes policy, objectives, resources and specifications."
        )
        % {"from": t["measurement"], "to": t["responsibility"]},
        _(
            "Customer requirements enter the loop through service realization; customer "
            "satisfaction, measured by the fourth process, shows whether the loop works."
        ),
    ]


@manual_section(
    order=50,
    key="processes",
    title=gettext_lazy("The processes of the system and how they interact"),
    clauses=("4.1.2", "4.2", "4.3", "4.4", "4.5", "4.6.3 c"),
)
def processes(context: ManualContext) -> list[Block]:
    clauses = catalog(context)
    excluded = {d.clause.ref_id for d in exclusions(context)}
    structure = clauses.get("4.1.2")
    labels: dict[str, Any] = {
        key: _pair(context, clauses[ref].title_en, clauses[ref].title_zh)
        if ref in clauses
        else _pair(context, ref, ref)
        for key, ref in PROCESSES
    }
    labels |= {key: _pair(context, en, zh) for key, (en, zh) in TERMS.items()}
    labels["refs"] = dict(PROCESSES)
    blocks: list[Block] = []
    if structure is not None and structure.requirement:
        blocks.append(
            Paragraph.of(labelled(f"{structure.ref_id} {structure.title}", structure.requirement))
        )
    blocks.append(
        Diagram(
            "sms_processes",
            labels,
            caption=_("The processes of the service management system and how they interact"),
        )
    )
    blocks.append(Heading(_("How the processes interact")))
    blocks.append(BulletList.of(_flows(context)))
    purposes = _purposes()
    children: dict[str, list[Clause]] = {}
    for clause in clauses.values():
        if clause.parent_id is not None and clause.parent is not None:
            children.setdefault(clause.parent.ref_id, []).append(clause)
    for key, ref in PROCESSES:
        clause = clauses.get(ref)
        if clause is None:
            continue
        blocks.append(Heading(noted(clause.title, ref)))
        blocks.append(Paragraph.of(purposes[key]))
        items = []
        for child in children.get(ref, []):
            line = f"{child.ref_id} {child.title}"
            out = sorted(r for r in excluded if _under(r, child.ref_id))
            if child.ref_id in excluded:
                line += " — " + _("excluded")
            elif out:
                line += " — " + _("excluded: %(refs)s") % {"refs": listed(out)}
            items.append(line)
        if items:
            blocks.append(BulletList.of(items))
    return blocks


# -- the clause cross-reference ------------------------------------------------------------


def _under(ref: str, parent: str) -> bool:
    """Whether clause `ref` is `parent` or lies beneath it (4.4.7 b under 4.4.7)."""
    return ref == parent or ref.startswith((parent + " ", parent + "."))


def _in_manual(ref: str) -> bool:
    """Clauses of sections 1 and 4 (the requirements), not the terms or Annex A."""
    return ref == "1" or ref == "4" or ref.startswith("4.")


@manual_section(
    order=900,
    key="crossref",
    title=gettext_lazy("Clause cross-reference"),
)
def crossref(context: ManualContext) -> list[Block]:
    clauses = catalog(context)
    excluded = {d.clause.ref_id for d in exclusions(context)}
    declared: dict[str, list[str]] = {}
    for section in context.sections:
        for ref in section.clauses:
            declared.setdefault(ref, []).append(section.number)
    exclusions_at = context.number_of("exclusions")

    def where(clause: Clause) -> str:
        if clause.ref_id in excluded:
            return _("excluded, see %(section)s") % {"section": exclusions_at or "—"}
        node: Clause | None = clause
        while node is not None:
            if node.ref_id in declared:
                return ", ".join(declared[node.ref_id])
            node = clauses.get(node.parent.ref_id) if node.parent_id and node.parent else None
        return "—"

    rows = tuple(
        (
            clause.ref_id,
            clause.title,
            where(clause),
            ", ".join(clause.iso9001_2015) or "—",
        )
        for clause in clauses.values()
        if _in_manual(clause.ref_id)
    )
    return [
        Paragraph.of(
            _(
                "Each clause of SB/T 10382-2004, the section of this manual that addresses it, "
                "and the clause of ISO 9001:2015 it corresponds to. A clause with no section of "
                "its own is covered by the section of the clause above it."
            )
        ),
        Table(
            rows=rows,
            columns=(
                _("SB/T 10382 clause"),
                _("Title"),
                _("Manual section"),
                _("ISO 9001:2015"),
            ),
            widths=(1.1, 4, 1.3, 1.4),
        ),
    ]
