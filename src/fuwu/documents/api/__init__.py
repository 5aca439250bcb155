"""REST API of controlled documents: /api/v1/documents/ and their versions."""
