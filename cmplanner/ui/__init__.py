"""The Qt user interface: windows, dialogs and views over the services."""

import PySide6.QtCore  # noqa: F401  (loads PySide6's import hook, quickened below)

from cmplanner.ui.feature_check import quicken_pyside_feature_check

quicken_pyside_feature_check()
