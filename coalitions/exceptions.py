"""What the services refuse, for the views and forms that call them."""


class DecisionNotAllowed(ValueError):
    """An editor's decision that does not apply to the application or
    coalition as it stands (see their `decisions_allowed`)."""


class PrivacyConsentMissing(ValueError):
    """Personal data offered without agreeing to the privacy notice: not stored."""
