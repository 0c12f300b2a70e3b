"""briefpack: one set of event data, every document an international event needs."""

__version__ = "0.1.0"
