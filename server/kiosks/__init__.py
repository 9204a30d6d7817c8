"""Kiosk devices: a credential per device, kiosk scope only, revocable at once."""
