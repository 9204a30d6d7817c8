"""Engine, sessions and migrations for both stores."""
