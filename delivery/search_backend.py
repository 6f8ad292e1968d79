"""Wagtail's database search backend, with each content language stemmed as that language.

PostgreSQL full-text search reduces words to stems with a text-search configuration
("english", "spanish", ...): "recomendaciones" and "recomendación" share a stem only under
"spanish". Wagtail's backend applies one configuration (``SEARCH_CONFIG``) to everything,
when indexing and when searching. Here ``LANGUAGE_SEARCH_CONFIGS`` (``{"es": "spanish"}``)
names a configuration per content language code:

- indexing: each translatable object (a page, a condition) is written to the index with
  the configuration of its locale's language (the others, with ``SEARCH_CONFIG``). Every
  path that updates the index (saving, publishing, ``update_index``) goes through
  ``add_items``, so the index stays up to date for every language;
- searching: ``search_backend(language_code)`` is the backend searching with that
  language's configuration. Callers must also restrict what they search to that language:
  an index entry only matches queries stemmed with its own configuration.

Other databases get Wagtail's backend unchanged (SQLite's FTS5 does not stem, whatever the
language): ``search_backend`` returns it as it is. Changing the configurations needs
``python manage.py update_index``.
"""

import copy

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend


class PerLanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index the objects of each language with that language's configuration."""
        for backend, group in self.backend.group_by_language(objs).items():
            PostgresIndex(backend).add_items(model, group)


class PerLanguagePostgresSearchBackend(PostgresSearchBackend):
    index_class = PerLanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = params.get("LANGUAGE_SEARCH_CONFIGS", {})

    def for_language(self, language_code):
        """This backend, indexing and searching with ``language_code``'s configuration."""
        config = self.language_configs.get(language_code, self.config)
        if config == self.config:
            return self
        backend = copy.copy(self)
        backend.config = config
        return backend

    def group_by_language(self, objs):
        """``{backend for a language: its objects}``: one locale query for all of them."""
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        codes = dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
        backends = {}
        groups = {}
        for obj in objs:
            code = codes.get(getattr(obj, "locale_id", None))
            backend = backends.setdefault(code, self.for_language(code))
            groups.setdefault(backend, []).append(obj)
        return groups


def SearchBackend(params):  # noqa: N802: the name Wagtail looks up in a backend module
    """The database search backend for the connection (Wagtail's choice), per language on
    PostgreSQL."""
    backend = database_backend(params)
    if isinstance(backend, PostgresSearchBackend):
        return PerLanguagePostgresSearchBackend(params)
    return backend


def search_backend(language_code):
    """The default search backend, searching content in ``language_code``."""
    backend = get_search_backend()
    if isinstance(backend, PerLanguagePostgresSearchBackend):
        return backend.for_language(language_code)
    return backend
