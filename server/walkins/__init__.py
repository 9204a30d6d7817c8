"""Walk-in tickets, numbered per location and local day."""
