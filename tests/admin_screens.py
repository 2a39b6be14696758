"""What an admin screen shows, read from its HTML."""

import re


def screen_title(html: str) -> str:
    """The title in the screen's header: Wagtail's slim header shows the last
    breadcrumb (the h1 beside it is for screen readers only)."""
    breadcrumbs = re.search(r'<nav[^>]*aria-label="Breadcrumb">(.*?)</nav>', html, re.DOTALL)
    items = re.findall(r"<li.*?</li>", breadcrumbs.group(1), re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", items[-1]).split())
