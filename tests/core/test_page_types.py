"""Where the editor may add each page type: the sections and the privacy page
go under the home page only, which core names through a setting rather than
by the home app's label."""

from wagtail.models import get_page_models

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
