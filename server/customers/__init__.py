"""Customer records: search as you type, create, update."""
