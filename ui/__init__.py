"""Qt shells over `app`: the desk and the kiosk (they arrive with their issues)."""
