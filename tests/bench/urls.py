from django.http import HttpRequest, HttpResponse
from django.urls import path

from orbitcms.urls import urlpatterns as project_urlpatterns


def baseline(request: HttpRequest) -> HttpResponse:
    """A fixed string through the full middleware stack: what Django costs alone."""
    return HttpResponse("ORBIT")


urlpatterns = [path("bench/baseline", baseline), *project_urlpatterns]
