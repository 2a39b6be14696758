"""The commitments in Wagtail's API v2 (/api/v2/commitments/): the same public
facts and field names as the open data table, one row per recorded commitment.
Nothing personal: commitments hold none, and corrections are not exposed."""

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from .models import Commitment


class SourceField(serializers.Field):
    """The source as an absolute address: the web address, or the uploaded
    document's, on this site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, commitment: Commitment) -> str:
        link = commitment.source_link
        return self.context["request"].build_absolute_uri(link) if link.startswith("/") else link


class CommitmentFilter(BaseFilterBackend):
    """?cycle=2018 (election year), ?recommendation=3 (its number),
    ?nis_code=44021, ?status=implemented."""

    def filter_queryset(self, request, queryset: QuerySet[Commitment], view) -> QuerySet:
        lookups = {
            "cycle": "cycle__election_year",
            "recommendation": "recommendation__number",
            "nis_code": "municipality__nis_code",
            "status": "status",
        }
        for parameter, lookup in lookups.items():
            value = request.GET.get(parameter)
            if value is None:
                continue
            if parameter in ("cycle", "recommendation") and not value.isdigit():
                raise BadRequestError(f"{parameter} must be a number")
            queryset = queryset.filter(**{lookup: value})
        return queryset


class CommitmentsAPIViewSet(BaseAPIViewSet):
    model = Commitment
    name = "commitments"
    filter_backends = [CommitmentFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {
        "cycle",
        "recommendation",
        "nis_code",
        "status",
    }
    body_fields = [
        *BaseAPIViewSet.body_fields,
        APIField("cycle", serializers.IntegerField(source="cycle.election_year")),
        APIField("nis_code", serializers.CharField(source="municipality.nis_code")),
        APIField("municipality_nl", serializers.CharField(source="municipality.name_nl")),
        APIField("municipality_fr", serializers.CharField(source="municipality.name_fr")),
        # Null for the Brussels municipalities, which have no province.
        APIField(
            "province_nis_code",
            serializers.CharField(source="municipality.province.nis_code", allow_null=True),
        ),
        APIField("region_nis_code", serializers.CharField(source="municipality.region.nis_code")),
        APIField("recommendation", serializers.IntegerField(source="recommendation.number")),
        APIField("status"),
        APIField("date", serializers.DateField(source="decided_on")),
        APIField("source", SourceField()),
        APIField("note"),
        APIField("is_example", serializers.BooleanField(source="is_sample")),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "cycle",
        "nis_code",
        "recommendation",
        "status",
    ]

    def get_queryset(self) -> QuerySet[Commitment]:
        return Commitment.objects.select_related(
            "cycle",
            "municipality__province",
            "municipality__region",
            "recommendation",
            "source_document",
        ).order_by("id")
