"""What an admin screen shows, read from its HTML."""

import json
from collections.abc import Iterator

from django.http import HttpResponse

from tests.markup import soup, text_of


def screen_title(html: str) -> str:
    """The title in the screen's header: Wagtail's slim header shows the last
    breadcrumb (the h1 beside it is for screen readers only)."""
    breadcrumbs = soup(html).find("nav", attrs={"aria-label": "Breadcrumb"})
    return text_of(breadcrumbs.find_all("li")[-1])


def menu_links(response: HttpResponse) -> list[tuple[str | None, str]]:
    """(the submenu it is in, or None at the top, its URL) for every link of
    Wagtail's sidebar menu, read from the JSON of the sidebar's props."""
    props = soup(response).find(id="wagtail-sidebar-props")
    return [(menu, item.get("url", "")) for menu, item in _menu_items(json.loads(props.string))]


def _menu_items(node: object, menu: str | None = None) -> Iterator[tuple[str | None, dict]]:
    """(the submenu it is in, the item's arguments) for every item of Wagtail's
    sidebar, read from the JSON of its props (telepath's packed form)."""
    if isinstance(node, list):
        for child in node:
            yield from _menu_items(child, menu)
    elif isinstance(node, dict):
        arguments = node.get("_args", [])
        if str(node.get("_type", "")).endswith("SubMenuItem"):
            yield from _menu_items(arguments[1:], arguments[0]["name"])
        elif str(node.get("_type", "")).endswith("LinkMenuItem"):
            yield menu, arguments[0]
        else:
            for value in node.values():
                yield from _menu_items(value, menu)
