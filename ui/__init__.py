"""Qt views for Stocktake Desktop. Everything here only lays out and forwards to the core."""
