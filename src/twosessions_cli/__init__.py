"""twosessions: an offline reference for the Chongqing Two Sessions (两会)."""

__version__ = "0.1.0"
