"""The packaged libraries are in the database after migrate, and reloads are safe."""

import pytest

from fuwu.standard.loading import load_packaged_libraries
from fuwu.standard.models import Clause, Library, Term

pytestmark = pytest.mark.django_db


def test_migrate_loads_both_libraries():
    assert set(Library.objects.values_list("ref_id", flat=True)) == {
        "SB/T 10382-2004",
        "ISO 9001:2015",
    }
    clause = Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id="4.4.3.2")
    assert clause.title_zh == "服务规范"
    assert clause.parent.ref_id == "4.4.3"
    assert clause.depth == clause.parent.depth + 1
    assert Term.objects.filter(library__ref_id="SB/T 10382-2004").count() == 13


def test_reload_is_idempotent_and_keeps_ids():
    before = dict(Clause.objects.values_list("urn", "id"))
    counts = load_packaged_libraries()
    assert counts["SB/T 10382-2004"] == 133
    assert dict(Clause.objects.values_list("urn", "id")) == before


def test_a_clause_dropped_from_the_library_is_retired_not_deleted():
    library = Library.objects.get(ref_id="SB/T 10382-2004")
    stale = Clause.objects.create(
        library=library,
        urn="urn:fuwu:req:sbt-10382-2004:9.9",
        ref_id="9.9",
        order=99999,
        title_en="Gone",
        title_zh="已删除",
    )
    load_packaged_libraries()
    stale.refresh_from_db()
    assert stale.retired
    assert not Clause.objects.get(library=library, ref_id="4.2.2").retired
