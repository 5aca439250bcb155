"""The reference of benchmarks/evaluation_submit.py: a bare WSGI app that reads the
same JSON body and inserts one row with psycopg (one connection per thread, kept
open, autocommit), served by granian exactly as Fuwu is. Nothing else: no
framework, no validation, no lookups: the floor any evaluation endpoint stands on."""

from __future__ import annotations

import json
import os
import threading

import psycopg

TABLE = "bench_bare_insert"
_local = threading.local()


def _connection() -> psycopg.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None or connection.closed:
        connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
        _local.connection = connection
    return connection


def setup() -> None:
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        connection.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigserial PRIMARY KEY, "
            "submission_id varchar(64) NOT NULL, body jsonb NOT NULL, "
            "created_at timestamptz NOT NULL DEFAULT now())"
        )


def application(environ: dict, start_response) -> list[bytes]:
    if environ["REQUEST_METHOD"] != "POST":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ready"]
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = json.loads(environ["wsgi.input"].read(size))
    row = (
        _connection()
        .execute(
            f"INSERT INTO {TABLE} (submission_id, body) VALUES (%s, %s) RETURNING id",
            (body["submission_id"], json.dumps(body["answers"])),
        )
        .fetchone()
    )
    payload = json.dumps({"id": row[0]}).encode()
    start_response(
        "201 Created", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    )
    return [payload]
