"""Where the editor may add each page type: the sections and the privacy page
go under the home page only, which core names through a setting rather than
by the home app's label."""

from django.apps import apps
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

# Each page type's allowed parents, as the admin's "add child page" offers them.
ALLOWED_PARENTS = {
    "coalitions.CoachingPage": ["home.HomePage"],
    "coalitions.CoalitionIndexPage": ["home.HomePage"],
    "coalitions.HandbookPage": ["home.HomePage"],
    "commitments.MunicipalityIndexPage": ["home.HomePage"],
    "core.PrivacyPage": ["home.HomePage"],
    "home.HomePage": ["wagtailcore.Page"],
    "recommendations.RecommendationIndexPage": ["home.HomePage"],
    "recommendations.RecommendationPage": ["recommendations.RecommendationIndexPage"],
    "wagtailcore.Page": ["home.HomePage", "wagtailcore.Page"],
}


def test_each_page_type_goes_only_under_its_parents():
    allowed = {
        model._meta.label: sorted(p._meta.label for p in model.allowed_parent_page_models())
        for model in get_page_models()
    }

    assert allowed == ALLOWED_PARENTS


class CampaignPagesTest(WagtailPageTestCase):
    """Each page type of the campaign, as the loader made it, through Wagtail's
    own checks: it renders, and its parent rules are what the admin offers.
    Not `assertPageIsRoutable`, which routes the path without its language
    prefix (/nl/), nor `assertPageIsPreviewable`, which logs in through the
    first of AUTHENTICATION_BACKENDS, django-axes' own, which loads no user."""

    def _one_page_of_each_type(self) -> list[Page]:
        pages = {}
        for page in Page.objects.filter(locale__language_code="nl", depth__gt=1).specific():
            pages.setdefault(type(page), page)
        return list(pages.values())

    def test_every_page_type_renders(self):
        pages = self._one_page_of_each_type()
        self.assertGreaterEqual(len(pages), 8)
        for page in pages:
            with self.subTest(page=page.url):
                self.assertPageIsRenderable(page)

    def test_each_page_type_keeps_its_parents(self):
        for label, parents in ALLOWED_PARENTS.items():
            model = apps.get_model(label)
            if model is not Page:
                self.assertAllowedParentPageTypes(
                    model, {apps.get_model(parent) for parent in parents}
                )
