"""The submission bundle: workbook, PDF, evidence copies, manifest and zip.

Each module does one job; :mod:`stocktake_desktop.export.bundle` puts them together.
openpyxl and reportlab are imported only inside the functions that write files, so importing
this package (and starting the CLI or the app) stays fast.
"""
