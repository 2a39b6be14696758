from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .sitemaps import AllLanguagesSitemap


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps={"pages": AllLanguagesSitemap(request)})


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the site but not the admin, the API or search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        *(f"Disallow: /{code}/search/" for code in ("nl", "fr", "en")),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
