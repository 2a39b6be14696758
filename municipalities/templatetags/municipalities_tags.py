from django import template
from wagtail.models import Page

from municipalities.selectors import commitment_current_cycle, recommendation_adoption

register = template.Library()


@register.inclusion_tag("municipalities/includes/recommendation_adoption.html")
def recommendation_adoption_summary(recommendation: Page) -> dict:
    """How many municipalities adopted this recommendation, and which: for
    the recommendation pages, which load this tag rather than import the app."""
    cycle = commitment_current_cycle()
    return {
        "cycle": cycle,
        "adoption": recommendation_adoption(recommendation=recommendation, cycle=cycle),
    }
