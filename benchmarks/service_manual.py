# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The service manual of a large organization: build it, render it as PDF and Word.

Seeds an organization with a scope, sites, an exclusion, an approved service policy
and N controlled documents (two thirds approved), so that the manual runs to 50 pages
and more; then times assembling the sections and rendering each format in each
language (median of several runs, after one warm-up run that loads the fonts) and
prints the page count. The issue's target: a 50-page manual well under 5 seconds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import time

from _setup import django_ready, fresh_org


def seed(org, owner, documents: int, sites: int) -> None:
    from django.utils import timezone

    from fuwu.core.models import Site
    from fuwu.documents import services
    from fuwu.documents.models import Category, Document, DocumentVersion, Status
    from fuwu.standard import services as standard_services
    from fuwu.standard.selectors import clause_by_ref

    made = Site.objects.bulk_create(
        Site(
            organization=org,
            code=f"S{i:03d}",
            name_en=f"Store {i}",
            name_zh=f"第{i}门店",
            address=f"{i} Lake Road",
        )
        for i in range(sites)
    )
    standard_services.scope_update(
        actor=owner,
        organization=org,
        data={
            "statement_en": "Retail, delivery and after-sales service of every store.",
            "statement_zh": "各门店的零售、配送和售后服务。",
            "iso9001_certificate": "CN-QMS-0001",
        },
    )
    standard_services.applicability_set(
        actor=owner,
        organization=org,
        clause=clause_by_ref("4.4.7 b"),
        applicable=False,
        justification_en="Customers never leave property in our care.",
    )
    policy = services.document_create(
        actor=owner,
        organization=org,
        data={"title_en": "Service policy", "title_zh": "服务方针", "category": Category.POLICY},
        body_en="# Service policy\n\n" + "Every customer leaves satisfied. " * 40,
        body_zh="# 服务方针\n\n" + "让每一位顾客满意而归。" * 40,
    )
    version = policy.versions.get()
    services.version_submit(actor=owner, version=version)
    services.version_approve(
        actor=owner,
        version=version,
        confirmed=["lasting_satisfaction", "positioning", "brand_image", "customer_contact"],
    )
    categories = [Category.PROCEDURE, Category.SPECIFICATION, Category.WORK_INSTRUCTION]
    categories.append(Category.FORM)
    rows = Document.objects.bulk_create(
        Document(
            organization=org,
            number=f"DOC-B-{i:05d}",
            title_en=f"Procedure {i}: handling of customer requests at the front desk",
            title_zh=f"程序{i}：前台顾客需求的处理",
            category=categories[i % len(categories)],
            owner=owner,
            site=made[i % len(made)] if i % 2 else None,
            status=Status.APPROVED if i % 3 else Status.DRAFT,
            last_version_number=1,
        )
        for i in range(documents)
    )
    now = timezone.now()
    versions = DocumentVersion.objects.bulk_create(
        DocumentVersion(
            organization=org,
            document=d,
            number=1,
            status=d.status,
            body_en="Steps.",
            author=owner,
            approver=owner if d.status == Status.APPROVED else None,
            approved_at=now if d.status == Status.APPROVED else None,
            effective_date=now.date() if d.status == Status.APPROVED else None,
        )
        for d in rows
    )
    for d, v in zip(rows, versions, strict=True):
        d.current_version = v if d.status == Status.APPROVED else None
    Document.objects.bulk_update(rows, ["current_version"], batch_size=2000)


def pages(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False)
        found = re.search(rb"Pages:\s+(\d+)", out.stdout)
        if found:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    vendor = django_ready()

    from fuwu.core.models import Membership, Role
    from fuwu.documents.manual.build import build_manual
    from fuwu.documents.manual.files import render

    org, root = fresh_org("bench-manual")
    Membership.objects.create(user=root, organization=org, role=Role.ADMIN)
    started = time.perf_counter()
    seed(org, root, args.documents, args.sites)
    print(
        f"database: {vendor}; {args.documents:,} documents and {args.sites} sites seeded in "
        f"{time.perf_counter() - started:.1f} s"
    )
    render(build_manual(org, language="en"), "pdf")  # warm-up: fonts, figure
    for language in ("en", "zh-hans"):
        timings: dict[str, list[float]] = {"build": [], "pdf": [], "docx": []}
        for _run in range(args.runs):
            started = time.perf_counter()
            data = build_manual(org, language=language, prepared_by=root)
            timings["build"].append(time.perf_counter() - started)
            for fmt in ("pdf", "docx"):
                started = time.perf_counter()
                content = render(data, fmt)
                timings[fmt].append(time.perf_counter() - started)
                if fmt == "pdf":
                    count, size_pdf = pages(content), len(content)
                else:
                    size_docx = len(content)
        median = {k: statistics.median(v) for k, v in timings.items()}
        print(
            f"{language}: {count} pages; assemble {median['build']:.2f} s, "
            f"PDF {median['pdf']:.2f} s ({size_pdf / 1e6:.1f} MB), "
            f"Word {median['docx']:.2f} s ({size_docx / 1e6:.1f} MB); "
            f"assemble + PDF + Word {sum(median.values()):.2f} s (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
