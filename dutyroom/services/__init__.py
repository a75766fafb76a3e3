"""Use cases, one transaction each. The GUI and the CLI call these and nothing lower."""
