"""The privacy consent both public forms require before storing personal data."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.exceptions import PrivacyConsentMissing


def privacy_consent_time(*, privacy_consent: bool) -> datetime:
    if not privacy_consent:
        raise PrivacyConsentMissing(_("The privacy notice must be accepted."))
    return timezone.now()
