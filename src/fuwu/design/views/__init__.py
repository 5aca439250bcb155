"""Pages of service design."""
