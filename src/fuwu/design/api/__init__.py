"""REST API of service design."""
