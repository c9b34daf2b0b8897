"""Wagtail admin registration for the indicators app."""
