from typing import Any

import factory

from coalitions.models import CoachingApplication, Coalition
from coalitions.services.coaching import coaching_application_create
from coalitions.services.coalitions import coalition_register


class CoachingApplicationFactory(factory.Factory):
    """`CoachingApplicationFactory(page=coaching_page)`: an application from a
    new town, taken (slot or waitlist) by `coaching_application_create`."""

    class Meta:
        model = CoachingApplication

    municipality_name = factory.Sequence(lambda n: f"Gemeente {n}")
    coalition_name = factory.Sequence(lambda n: f"Migratiecoalitie {n}")
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "+32 2 123 45 67"
    motivation = "We willen een samenhangend lokaal migratiebeleid."
    language = "nl"

    @classmethod
    def _create(cls, model_class: type, *, page: Any, **fields: Any) -> CoachingApplication:
        return coaching_application_create(page=page, privacy_consent=True, **fields).application


class CoalitionFactory(factory.Factory):
    """`CoalitionFactory(page=coalition_page)`: a sign-up through `coalition_register`."""

    class Meta:
        model = Coalition

    municipality_name = factory.Sequence(lambda n: f"Stad {n}")
    name = factory.Sequence(lambda n: f"Coalitie {n}")
    partners = "Vluchtelingenwerk\nOCMW"
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"coalitie{n}@example.org")
    phone = ""
    listing_consent = True
    language = "nl"

    @classmethod
    def _create(cls, model_class: type, *, page: Any, **fields: Any) -> Coalition:
        return coalition_register(page=page, privacy_consent=True, **fields).coalition
