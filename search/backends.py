"""PostgreSQL full-text search that stems each page in its own language.

Wagtail's database backend stems everything with one text-search configuration
(SEARCH_CONFIG), which would treat French and English pages with Dutch rules.
This backend indexes a translatable object with its locale's configuration
(LANGUAGE_CONFIGS, e.g. fr → french) and anything without a locale, such as a
document, with SEARCH_CONFIG. A query is matched against the stems of every
configured language, so it finds "accueillir" on a French page by "accueil"
and "woning" on a Dutch page by "woningen", whatever the admin's or the
visitor's language; the site search itself filters on the visitor's locale.

Changing LANGUAGE_CONFIGS needs `manage.py update_index` to re-stem what is stored.
"""

from collections import defaultdict
from collections.abc import Iterable
from copy import copy
from functools import reduce
from operator import or_

from django.db.models import Model, QuerySet
from django.db.models.expressions import Combinable
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.query import SearchQuery


class MultilingualIndex(PostgresIndex):
    def add_items(self, model: type[Model], objs: Iterable[Model]) -> None:
        # Wagtail's indexer reads the configuration from the backend, so each
        # language's objects go in with a copy of it set to their language.
        backend = self.backend
        try:
            for config, group in _by_config(objs, backend).items():
                self.backend = copy(backend)
                self.backend.config = config
                super().add_items(model, group)
        finally:
            self.backend = backend


class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
    # The backend's configurations arrive with search(); a query compiled
    # before that is matched with the one configuration it is given.
    configs: tuple[str, ...] = ()

    def search(
        self,
        config: str,
        start: int | None,
        stop: int | None,
        score_field: str | None = None,
        backend: "MultilingualSearchBackend | None" = None,
    ) -> QuerySet:
        if backend is not None:
            self.configs = backend.all_configs
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def build_tsquery(self, query: SearchQuery, config: str | None = None) -> Combinable | None:
        configs = self.configs or (config,)
        queries = [self.build_tsquery_content(query, config=each) for each in configs]
        queries = [each for each in queries if each is not None]
        return reduce(or_, queries) if queries else None


class MultilingualSearchBackend(PostgresSearchBackend):
    query_compiler_class = MultilingualQueryCompiler
    index_class = MultilingualIndex

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self.language_configs: dict[str, str] = dict(params.get("LANGUAGE_CONFIGS", {}))
        self.all_configs = tuple(dict.fromkeys([self.config, *self.language_configs.values()]))


def _by_config(objs: Iterable[Model], backend: MultilingualSearchBackend) -> dict[str, list]:
    """The objects to index, by the configuration their language stems with."""
    objs = list(objs)
    locale_ids = {obj.locale_id for obj in objs if isinstance(obj, TranslatableMixin)}
    languages = dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
    groups: dict[str, list] = defaultdict(list)
    for obj in objs:
        language = languages.get(getattr(obj, "locale_id", None))
        groups[backend.language_configs.get(language, backend.config)].append(obj)
    return groups


SearchBackend = MultilingualSearchBackend
