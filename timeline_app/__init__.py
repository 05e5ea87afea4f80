"""Timeline viewer of post-Soviet security organisations, 1991-2015."""

__version__ = "0.1.0"
