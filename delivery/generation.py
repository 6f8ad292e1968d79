"""The content generation: one value every process reads, changed by every content change.

Cached GraphQL responses are stamped with the generation they were computed in and served
only while it is still current (``delivery.caching``). For that to hold across processes
(a second app server, ``publish_scheduled`` from cron, a ``manage.py`` command), the
generation must live where all of them read it:

- in the shared cache, when the response cache is shared (Redis when ``REDIS_URL`` is
  set): fetched in the same round trip as the cached entry;
- in a small file otherwise (``GRAPHQL_RESPONSE_CACHE["GENERATION_FILE"]``, next to the
  SQLite database by default): the local-memory cache of the zero-configuration default is
  private to each process, so a generation kept there would let one process serve a page
  another process had already unpublished. Reading the file costs a few microseconds per
  request (an ``open``/``read``/``close``, no SQL); a new generation is written to a
  temporary file and renamed over it, so readers see the old or the new value, never a
  partial one.

A generation is only ever compared for equality, and a new one is never equal to an old
one: it starts from the clock (nanoseconds) and carries random bits.
"""

import os
import secrets
import time
from functools import cache

from django.core.cache import caches

from .settings import delivery_settings

GENERATION_KEY = "graphql:content-generation"


def new_generation_value():
    return f"{time.time_ns()}-{secrets.token_hex(4)}"


class CacheGeneration:
    """The generation as a key of the shared cache, read with the entry it validates."""

    shared_with_entries = True

    def __init__(self, store):
        self.store = store

    def read(self, found):
        """The current generation from ``found`` (the ``get_many`` that fetched the entry)."""
        generation = found.get(GENERATION_KEY)
        if generation is None:  # never set, or evicted
            generation = self.start()
        return generation

    def bump(self):
        try:
            self.store.incr(GENERATION_KEY)
        except ValueError:  # no generation yet (or evicted): start a fresh one
            self.start()

    def start(self):
        # From the clock rather than 0, so that a generation lost to eviction is never
        # reused by entries computed before it was lost.
        self.store.add(GENERATION_KEY, time.time_ns(), timeout=None)
        return self.store.get(GENERATION_KEY)


class FileGeneration:
    """The generation as the content of a file that every local process reads."""

    shared_with_entries = False

    def __init__(self, path):
        self.path = os.fspath(path)

    def read(self, found=None):
        try:
            descriptor = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return self.bump()
        try:
            value = os.read(descriptor, 64)
        finally:
            os.close(descriptor)
        return value.decode("ascii", "replace") if value else self.bump()

    def bump(self):
        """Writes a new generation; processes reading after the rename see it."""
        value = new_generation_value()
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.{secrets.token_hex(4)}"
        with open(temporary, "w", encoding="ascii") as handle:
            handle.write(value)
        os.replace(temporary, self.path)
        return value


def generation_store():
    """Where the content generation lives, as the response cache settings say."""
    options = delivery_settings.GRAPHQL_RESPONSE_CACHE
    path = options["GENERATION_FILE"]
    if path:
        return file_generation(os.fspath(path))
    return CacheGeneration(caches[options["CACHE_ALIAS"]])


@cache
def file_generation(path):
    return FileGeneration(path)
