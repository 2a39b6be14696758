"""Read-only Wagtail API v2 (/api/v2/), so partners can embed the recommendations:
pages (filter with ?type=recommendations.RecommendationPage&locale=fr), documents,
and the commitments of the municipalities (the open data, row by row)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from commitments.api import CommitmentsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("commitments", CommitmentsAPIViewSet)
