"""Production settings plus one bare view, the baseline the benchmark compares with."""

from orbitcms.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
