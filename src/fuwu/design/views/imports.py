"""Importing contact points (being built)."""

from .common import DesignView


class ContactPointImportView(DesignView):
    pass
