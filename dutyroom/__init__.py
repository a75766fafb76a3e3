"""Dutyroom: the duty desk (值班室) of a town or county government office."""

__version__ = "0.1.0"
