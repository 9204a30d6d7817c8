"""Domain rules shared by the desk, the kiosk and the server. Plain Python only."""
