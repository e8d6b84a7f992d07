"""The frozen app's entry script (PyInstaller needs a script): ``ui/launch.py``'s ``main``.

The spec collects the views as the package ``ui`` (inside the bundle nothing else shares its
import path) and the resources as ``stocktake_desktop/resources``, where
``stocktake_desktop.resource_files`` looks for package data.
"""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
