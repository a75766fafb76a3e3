"""Dialogs: forms that validate before saving, and the import preview."""
