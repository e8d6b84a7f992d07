"""The presenter view: one question at a time, in large type, for the projector in a meeting.

:class:`~ui.presenter.window.PresenterWindow` is a window of its own (it can go on the
projector's screen while the main window stays on the laptop); the main window opens and
closes it (``ui/window/view_commands.py``) and wires it in one place.
"""
