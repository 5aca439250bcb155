"""The specification sheet (being built)."""

from .common import DesignView


class SpecificationSheetView(DesignView):
    pass
