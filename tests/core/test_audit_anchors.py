"""Chain heads anchored outside the database: the tamper trials a chain alone cannot
see (a rewrite with every later hash and the head recomputed, a truncation with the
head rewound, a chain deleted with its head) are named once an anchor taken before
them is compared; the daily job writes the anchors, sends them on and retries a
failed delivery; the audit trail page shows the last run and the last anchor."""

from __future__ import annotations

import json
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail

from fuwu import cli
from fuwu.core import services
from fuwu.core.audit import GENESIS, compute_hash, verify_chain
from fuwu.core.jobs import verify_audit_chains
from fuwu.core.models import (
    AuditChainCheck,
    AuditChainHead,
    AuditEntry,
    AuditVerification,
    Organization,
)
from fuwu.core.services.verification import verify_against


@pytest.fixture
def chain(world):
    """Six entries in Lakeside's chain, two in Harbor's."""
    admin, outsider = world.users["admin"], world.users["outsider"]
    for n in range(6):
        services.site_update(actor=admin, site=world.sites[1], data={"address": f"No. {n}"})
    for n in range(2):
        services.site_update(actor=outsider, site=world.other_site, data={"address": f"P{n}"})
    return list(AuditEntry.objects.filter(organization=world.org).order_by("seq"))


def anchor_now() -> dict:
    """Run the daily job; return the line it appended."""
    assert verify_audit_chains.enqueue().return_value == {"broken": 0}
    return AuditVerification.objects.latest("started_at").anchor


def lakeside(world):
    return verify_chain(Organization.objects.get(pk=world.org.pk))


def against_anchors(anchor_file, org_id: int):
    outcome = verify_against(anchor_file)
    return next(r for r in outcome.reports if r.organization_id == org_id)


def rewrite_from(org, seq: int, **changes) -> None:
    """The careful attacker: change entry `seq`, recompute every later hash and the head."""
    prev = (
        AuditEntry.objects.filter(organization=org, seq=seq - 1)
        .values_list("hash", flat=True)
        .first()
        or GENESIS
    )
    for entry in AuditEntry.objects.filter(organization=org, seq__gte=seq).order_by("seq"):
        if entry.seq == seq:
            for name, value in changes.items():
                setattr(entry, name, value)
        entry.prev_hash = prev
        entry.hash = compute_hash(entry)
        entry.save()
        prev = entry.hash
    AuditChainHead.objects.filter(organization=org).update(last_hash=prev)


# -- the tamper trials ---------------------------------------------------------------------


def test_a_rewritten_chain_with_a_recomputed_head_is_named(world, chain, audit_anchor_file):
    anchor_now()
    rewrite_from(world.org, 3, actor_name="mallory", after={"address": "forged"})
    assert lakeside(world).intact  # the chain alone cannot tell
    report = against_anchors(audit_anchor_file, world.org.pk)
    assert report.broken_seq == 6
    assert "differs from the anchor" in report.problem and "rewritten" in report.problem


def test_a_truncated_chain_with_a_rewound_head_is_named(world, chain, audit_anchor_file):
    anchor_now()
    AuditEntry.objects.filter(organization=world.org, seq__gt=4).delete()
    AuditChainHead.objects.filter(organization=world.org).update(
        last_seq=4, last_hash=chain[3].hash
    )
    assert lakeside(world).intact
    report = against_anchors(audit_anchor_file, world.org.pk)
    assert report.broken_seq == 6
    assert "ends at #4" in report.problem and "removed" in report.problem


def test_a_truncated_chain_regrown_past_the_anchor_is_named(world, chain, audit_anchor_file):
    """Truncate, then append forged entries until the chain is as long again."""
    anchor_now()
    rewrite_from(world.org, 5, object_repr="forged")
    assert lakeside(world).intact
    report = against_anchors(audit_anchor_file, world.org.pk)
    assert [f.seq for f in report.faults] == [6]


def test_a_chain_deleted_with_its_head_is_named(world, chain, audit_anchor_file):
    anchor_now()
    AuditEntry.objects.filter(organization=world.org).delete()
    AuditChainHead.objects.filter(organization=world.org).delete()
    assert lakeside(world).intact  # an empty chain
    report = against_anchors(audit_anchor_file, world.org.pk)
    assert report.broken_seq == 6
    assert "was deleted with its head" in report.problem


def test_an_anchored_organization_that_no_longer_exists_is_named(world, audit_anchor_file):
    line = {
        "anchored_at": "2026-11-30T03:00:00+00:00",
        "heads": [{"organization": 987654, "slug": "gone", "seq": 12, "hash": "ab" * 32}],
    }
    audit_anchor_file.write_text(json.dumps(line) + "\n")
    outcome = verify_against(audit_anchor_file)
    gone = [r for r in outcome.reports if r.organization_id == 987654]
    assert gone and "gone" in gone[0].organization
    assert gone[0].problem == (
        "the organization, anchored at #12 on 2026-11-30 03:00 UTC, no longer exists"
    )


def test_every_earlier_anchor_is_compared(world, chain, audit_anchor_file):
    anchor_now()
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "7"})
    AuditVerification.objects.all().delete()  # what the database says of runs is not trusted
    anchor_now()
    rewrite_from(world.org, 2, request_id="forged")
    report = against_anchors(audit_anchor_file, world.org.pk)
    assert [f.seq for f in report.faults] == [6, 7]


def test_an_untouched_chain_matches_its_anchors(world, chain, audit_anchor_file):
    anchor_now()
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "8"})
    outcome = verify_against(audit_anchor_file)
    assert outcome.broken == [] and outcome.anchors_checked == 2


# -- the anchor file -------------------------------------------------------------------------


def test_the_daily_job_appends_the_heads_to_the_anchor_file(world, chain, audit_anchor_file):
    first = anchor_now()
    lines = audit_anchor_file.read_text().splitlines()
    assert [json.loads(x) for x in lines] == [first]
    heads = {h["slug"]: h for h in first["heads"]}
    assert heads["lakeside"] == {
        "organization": world.org.pk,
        "slug": "lakeside",
        "seq": 6,
        "hash": chain[5].hash,
        "intact": True,
    }
    assert heads["harbor"]["seq"] == 2
    second = anchor_now()
    again = audit_anchor_file.read_text().splitlines()
    assert again[0] == lines[0] and json.loads(again[1]) == second  # appended, never rewritten


def test_the_daily_job_compares_with_its_own_anchors(world, chain, caplog):
    anchor_now()
    rewrite_from(world.org, 2, actor_name="mallory")
    with caplog.at_level(logging.ERROR, logger="fuwu.core.jobs"):
        assert verify_audit_chains.enqueue().return_value == {"broken": 1}
    assert "audit chain of Lakeside Hotels is broken" in caplog.text
    assert "differs from the anchor" in caplog.text


def test_lines_that_are_not_anchors_are_named(world, chain, audit_anchor_file):
    anchor_now()
    with audit_anchor_file.open("a") as f:
        f.write("not json\n")
        f.write('{"anchored_at": "2026-01-01T00:00:00+00:00", "heads": [{"seq": 1}]}\n')
    outcome = verify_against(audit_anchor_file)
    assert outcome.broken == []
    assert [n.split(" of ")[0] for n in outcome.anchor_notes] == ["line 2", "line 3"]


def test_an_unwritable_anchor_file_never_breaks_the_verification(world, chain, settings, caplog):
    settings.FUWU_AUDIT_ANCHOR_FILE = settings.MEDIA_ROOT  # a directory, not a file
    settings.FUWU_AUDIT_ANCHOR_FILE = world_dir = settings.FUWU_AUDIT_ANCHOR_FILE
    world_dir.mkdir(parents=True, exist_ok=True)
    with caplog.at_level(logging.ERROR):
        assert verify_audit_chains.enqueue().return_value == {"broken": 0}
    run = AuditVerification.objects.latest("started_at")
    assert run.anchor is None and "anchor file" in run.anchor_error


# -- sending the anchors on ------------------------------------------------------------------


class Receiver:
    """A webhook on 127.0.0.1 that answers `status` and keeps what it was sent."""

    def __init__(self, status: int = 200):
        self.status, self.bodies = status, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/anchors"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def test_anchors_go_to_the_webhook(world, chain, settings, receiver):
    settings.FUWU_AUDIT_ANCHOR_WEBHOOK = receiver.url
    line = anchor_now()
    assert receiver.bodies == [{"anchors": [line]}]
    assert not AuditVerification.objects.filter(webhook_pending=True).exists()


def test_a_failed_webhook_is_logged_and_retried_the_next_day(
    world, chain, settings, receiver, caplog
):
    settings.FUWU_AUDIT_ANCHOR_WEBHOOK = receiver.url
    receiver.status = 500
    with caplog.at_level(logging.WARNING, logger="fuwu.core.audit"):
        first = anchor_now()  # the verification itself succeeds
    assert "not delivered" in caplog.text
    assert AuditVerification.objects.get().webhook_pending
    receiver.status = 200
    second = anchor_now()
    assert receiver.bodies[-1] == {"anchors": [first, second]}
    assert not AuditVerification.objects.filter(webhook_pending=True).exists()


def test_an_unreachable_webhook_never_breaks_the_verification(world, chain, settings, receiver):
    settings.FUWU_AUDIT_ANCHOR_WEBHOOK = receiver.url
    receiver.close()  # nothing listens any more
    anchor_now()
    run = AuditVerification.objects.get()
    assert run.webhook_pending and "webhook" in run.delivery_error


def test_anchors_go_by_email_and_a_failure_is_retried(world, chain, settings):
    settings.FUWU_AUDIT_ANCHOR_EMAIL = ["auditor@example.com"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    first = anchor_now()
    assert AuditVerification.objects.get().email_pending
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    second = anchor_now()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["auditor@example.com"]
    body_lines = [json.loads(x) for x in message.body.splitlines() if x.startswith("{")]
    assert body_lines == [first, second]
    assert not AuditVerification.objects.filter(email_pending=True).exists()


# -- the command -------------------------------------------------------------------------------


def test_verify_audit_with_anchors_names_each_tampering(
    world, chain, monkeypatch, tmp_path, audit_anchor_file, capsys
):
    monkeypatch.setenv("FUWU_DATA_DIR", str(tmp_path))
    (tmp_path / "fuwu.sqlite3").touch()  # Django is already set up on the test database
    anchor_now()
    args = ["verify-audit", "--data-dir", str(tmp_path), "--anchors", str(audit_anchor_file)]
    assert cli.main(args) == 0
    assert "2 anchors compared" in capsys.readouterr().out

    rewrite_from(world.org, 2, actor_name="mallory")
    AuditEntry.objects.filter(organization=world.other_org).delete()
    AuditChainHead.objects.filter(organization=world.other_org).delete()
    assert cli.main(["verify-audit", "--data-dir", str(tmp_path)]) == 0  # without: unseen
    capsys.readouterr()
    assert cli.main(args) == 1
    captured = capsys.readouterr()
    assert "Lakeside Hotels: 6 entries, BROKEN: entry #6 differs from the anchor" in captured.out
    assert "Harbor Café: 0 entries, BROKEN: the chain, anchored at #2" in captured.out
    assert "first broken record: Lakeside Hotels #6" in captured.err


def test_verify_audit_with_a_missing_anchor_file(world, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("FUWU_DATA_DIR", str(tmp_path))
    (tmp_path / "fuwu.sqlite3").touch()
    missing = tmp_path / "nowhere.jsonl"
    assert cli.main(["verify-audit", "--data-dir", str(tmp_path), "--anchors", str(missing)]) == 1
    assert f"there is no anchor file at {missing}" in capsys.readouterr().err


# -- the audit trail page ----------------------------------------------------------------------


def page_text(client) -> str:
    """The audit trail page as a reader sees it: text without tags or line breaks."""
    html = client.get("/audit/").content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_audit_trail_page_shows_the_last_run_and_anchor(world, chain):
    client = world.client("auditor")
    assert "Not verified yet" in page_text(client)
    anchor_now()
    page = page_text(client)
    assert "Last verification" in page and "6 entries, intact" in page
    assert "Last anchor" in page and "Entry #6 on" in page and chain[5].hash[:16] in page
    rewrite_from(world.org, 2, actor_name="mallory")
    verify_audit_chains.enqueue()
    page = page_text(client)
    assert "6 entries, broken" in page and "entry #6 differs from the anchor" in page
    assert AuditChainCheck.objects.filter(organization=world.org).count() == 2
    # Harbor's page shows Harbor's result only.
    theirs = page_text(world.client("outsider"))
    assert "2 entries, intact" in theirs and chain[5].hash[:16] not in theirs
    assert "Lakeside" not in theirs


def test_the_audit_trail_page_in_chinese(world, chain):
    anchor_now()
    client = world.client("auditor")
    client.cookies["django_language"] = "zh-hans"
    page = page_text(client)
    assert "最近一次验证" in page and "完好" in page


def test_a_stored_fault_of_another_shape_still_shows(world, chain):
    anchor_now()
    # Written by another version of Fuwu: a message that lacks its "when".
    AuditChainCheck.objects.filter(organization=world.org).update(
        intact=False, fault_count=1, faults=[{"seq": 3, "code": "anchor_missing", "params": {}}]
    )
    page = page_text(world.client("auditor"))
    assert "#3: anchor_missing" in page
