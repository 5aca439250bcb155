"""The service blueprint page (being built)."""

from .common import DesignView


class BlueprintView(DesignView):
    pass


class BlueprintSvgView(DesignView):
    pass
