"""Icons and other files the application ships (read through importlib.resources)."""
