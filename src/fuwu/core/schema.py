"""The database schema of a new installation, created at once.

Applying the migrations one by one to an empty database re-renders the model states after
each operation (every model points at Organization and User, so each change reloads most of
them): it takes longer than everything else of the demo's first run. On an empty database
the end state is known — the current models, which `makemigrations --check` keeps equal to
the migrations — so the tables are created from the models in one pass and every migration
is recorded as applied, as `migrate --fake` would. A database with any table goes through the
migrations as always. tests/core/test_schema.py proves both routes give the same schema.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings


def migrate(database: str = DEFAULT_DB_ALIAS) -> str:
    """Bring the database to the current schema; "created" on an empty one, else "migrated"."""
    connection = connections[database]
    if connection.introspection.table_names():
        call_command("migrate", database=database, interactive=False, verbosity=0)
        return "migrated"
    create(database)
    return "created"


def create(database: str = DEFAULT_DB_ALIAS) -> None:
    """The current schema on an empty database, with every migration recorded as applied."""
    # With no migration modules every app is "unmigrated": syncdb creates its tables from
    # the models, and post_migrate fills content types and permissions as migrate would.
    without_migrations = {config.label: None for config in apps.get_app_configs()}
    with override_settings(MIGRATION_MODULES=without_migrations):
        call_command("migrate", database=database, run_syncdb=True, interactive=False, verbosity=0)
    create_views(database)
    record_applied(database)


def create_views(database: str = DEFAULT_DB_ALIAS) -> None:
    """The views that unmanaged models read (`database_view`: their SQL per database
    vendor, e.g. measurement's answers): syncdb creates tables only."""
    connection = connections[database]
    with connection.cursor() as cursor:
        for model in apps.get_models():
            view = getattr(model, "database_view", None)
            if view and not model._meta.managed:
                cursor.execute(view[connection.vendor])


def record_applied(database: str = DEFAULT_DB_ALIAS) -> None:
    """Record every migration as applied (the tables already have the current schema)."""
    connection = connections[database]
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    applied: list[tuple[str, str]] = []
    for leaf in graph.leaf_nodes():
        for key in graph.forwards_plan(leaf):
            # A squashed migration is recorded as the ones it replaces, as migrate does.
            applied.extend(graph.nodes[key].replaces or [key])
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app, name=name) for app, name in dict.fromkeys(applied)
    )
