from django.dispatch import Signal

# Sent once the reference list is loaded (municipalities_load), for the apps
# above that match typed town names to it.
municipalities_loaded = Signal()
