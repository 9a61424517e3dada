"""The Qt user interface: windows, dialogs and views over the services."""
