"""Compliance deadline tracker: policies -> measures -> agencies and targets, and reminders about them."""

__version__ = "0.1.0"
