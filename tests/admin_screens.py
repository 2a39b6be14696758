"""What an admin screen shows, read from its HTML."""

from tests.markup import soup, text_of


def screen_title(html: str) -> str:
    """The title in the screen's header: Wagtail's slim header shows the last
    breadcrumb (the h1 beside it is for screen readers only)."""
    breadcrumbs = soup(html).find("nav", attrs={"aria-label": "Breadcrumb"})
    return text_of(breadcrumbs.find_all("li")[-1])
