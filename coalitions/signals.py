"""Signals the coaching services send for other apps to react to."""

from django.dispatch import Signal

# Sent inside the transaction that changed how many slots are held or
# waitlisted (kwargs: page, the source coaching page; municipality_ids, the
# towns whose applications were made, decided, promoted or erased). Pages that
# show the open-slot count, such as the home page's call to action, or a
# town's coaching status, must not be served from a cache made before it.
coaching_slots_changed = Signal()

# Sent inside the transaction of a decision that put a coalition on the public
# list or took it off (kwargs: coalition): the home page's figures count them.
coalition_listing_changed = Signal()
