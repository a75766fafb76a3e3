"""The pages of the main window, one clear task each."""
