"""What the people who run the server see of it: logs, metrics."""
