"""The Qt shells over app/: the desk and the kiosk."""
