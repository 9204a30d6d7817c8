"""Bookings: create (single or weekly series), reschedule, status changes, availability."""
