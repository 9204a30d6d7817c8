"""Payments taken at the counter for a booking."""
