"""Fuwu (服务): service management per SB/T 10382-2004."""

__version__ = "0.1.0"
