"""The demo's service design: the data (YAML, one file per organization), its loader
and the seeder that writes it through the services (found by `fuwu demo`'s autodiscovery
of `demo` modules)."""

from .seed import service_design

__all__ = ["service_design"]
