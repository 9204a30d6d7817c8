"""The cash close of a till and day."""
