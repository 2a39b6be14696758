"""Registers the recommendations app's admin screens; they live in
recommendations.viewsets."""

from wagtail.snippets.models import register_snippet

from .viewsets import ThemeViewSet

register_snippet(ThemeViewSet)
