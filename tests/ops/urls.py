"""Public-path views of the kinds the page cache must tell apart; used with
@pytest.mark.urls by tests/ops/test_page_cache.py."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import never_cache

from orbitcms import urls as project_urls

FORM = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<button>{{ label }}</button></form>'
)


def form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return HttpResponse("accepted")
    return HttpResponse(FORM.render({"label": "send"}, request))


@never_cache
def private(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"for {request.META.get('REMOTE_ADDR')}")


urlpatterns = [
    *i18n_patterns(path("form/", form), path("private/", private)),
    *project_urls.urlpatterns,
]
