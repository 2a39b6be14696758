from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.og_images import og_image_render, og_image_title

# The URL carries a version of the title (?v=...), so a year's cache is safe.
OG_IMAGE_MAX_AGE = 365 * 24 * 3600


@require_safe
@cache_control(public=True, max_age=OG_IMAGE_MAX_AGE, immutable=True)
def og_image(request: HttpRequest, page_id: int) -> HttpResponse:
    """The social-card image of a live, public page (never of a draft or a
    private page, whose title is not public)."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return HttpResponse(og_image_render(title=og_image_title(page)), content_type="image/png")
