"""The OpenAPI schema is generated without a warning: every app's fields resolve and no
two apps' enums collide (a collision gives clients hashed names like StatusFf7Enum)."""

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator


def test_the_whole_schema_has_no_warnings():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    assert [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache] == []
