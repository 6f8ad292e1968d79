"""Translations out of date: the source language's version changed since they were
last published.

One rule, in SQL (``with_source_changes``), read by the due-for-review report and by the
edit views' warnings: a translation is out of date when the default language's version of
the same object was published after the translation last was.
"""

from django.contrib import messages
from django.db.models import Case, F, OuterRef, Q, Subquery, When
from django.utils import formats, timezone
from wagtail.models import Locale


def with_source_changes(queryset):
    """Annotate ``source_changed_at``: when the default language's version was published,
    if that was after this translation was last published; ``None`` otherwise (and for
    the default language's own versions, and translations never published)."""
    default = Locale.get_default()
    source = queryset.model._default_manager.filter(
        translation_key=OuterRef("translation_key"), locale=default
    )
    later = ~Q(locale=default) & Q(source_published_at__gt=F("last_published_at"))
    return queryset.annotate(
        source_published_at=Subquery(source.values("last_published_at")[:1])
    ).annotate(source_changed_at=Case(When(later, then=F("source_published_at")), default=None))


def describe_change(obj, changed_at):
    source = Locale.get_default().language_name_localized
    when = formats.date_format(timezone.localtime(changed_at), "DATETIME_FORMAT")
    return (
        f"Out of date: the {source} version changed on {when}, after this "
        f"{obj.locale.language_name_localized} version was last published."
    )


def warn_if_out_of_date(request, obj):
    """Warn on an edit view: on a translation, that its source changed since; on a source,
    which of its translations are out of date."""
    model = type(obj)
    if obj.locale_id == Locale.get_default().pk:
        stale = (
            with_source_changes(model._default_manager.filter(translation_key=obj.translation_key))
            .filter(source_changed_at__isnull=False)
            .select_related("locale")
        )
        languages = sorted(version.locale.language_name_localized for version in stale)
        if languages:
            messages.warning(
                request,
                f"Translations out of date since this version was published: "
                f"{', '.join(languages)}. Translators: update (sync) and submit them for review.",
            )
        return
    version = with_source_changes(model._default_manager.filter(pk=obj.pk)).first()
    if version is not None and version.source_changed_at is not None:
        messages.warning(
            request,
            describe_change(obj, version.source_changed_at)
            + " Update the translation from the source (sync) and submit it for review.",
        )
