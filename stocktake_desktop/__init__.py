"""Stocktake Desktop core: the stocktake definition, the return document and its exports.

Nothing in this package imports Qt; the views in ``ui/`` are a thin layer on top of it.
"""

__version__ = "0.1.0"
APP_NAME = "Stocktake Desktop"
APP_ID = "StocktakeDesktop"
