"""The main window's parts: :class:`ui.main_window.MainWindow` is made of these mixins on
:class:`WindowBase` (like the document's parts on ``document/base.py``)."""
