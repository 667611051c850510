"""The package version (one place; ``setup.cfg`` and ``ecosystem.__version__`` read it)."""
__version__ = "0.1.0"
