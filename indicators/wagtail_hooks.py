"""Wagtail admin registration for the indicators app."""

from wagtail.snippets.models import register_snippet

from .viewsets import IndexDataGroup

register_snippet(IndexDataGroup)
