"""Factories for the suite (factory_boy, wagtail-factories). Domain objects
are made through their services, so a factory never builds a state the rules
would refuse (a slot held twice, an application without its emails)."""

from tests.factories.coalitions import CoachingApplicationFactory, CoalitionFactory
from tests.factories.recommendations import RecommendationPageFactory

__all__ = ["CoachingApplicationFactory", "CoalitionFactory", "RecommendationPageFactory"]
