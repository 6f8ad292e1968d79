"""Creating the draft article from an outline: all of it or nothing, never published.

``import_article`` works for a person (``user``: with that person's page permissions, as
the admin would) or for the system (``user=None``: a deployment's own command line).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log

from ..models import ArticleIndexPage, ArticlePage, Condition, Disclaimer
from .building import article_body, paragraphs_html, plain_text, summary_from
from .outline import DocumentError


class ImportNotAllowed(PermissionDenied):
    """The user may not create (or submit) an article there."""


@dataclass
class ImportResult:
    article: ArticlePage
    submitted: bool = False
    notes: list[str] = field(default_factory=list)

    def summary_lines(self):
        article, body = self.article, self.article.body
        sections = [block for block in body if block.block_type == "section"]
        tables = [block for block in body if block.block_type == "comparison_table"]
        yield f"Created draft article '{article.title}' (id {article.pk}, slug {article.slug})."
        yield (
            f"{len(sections)} sections, "
            f"{sum(len(s.value['subsections']) for s in sections)} subsections, "
            f"{len(tables)} comparison table(s) with "
            f"{sum(len(t.value['rows']) for t in tables)} rows."
        )
        yield f"Condition: {article.condition}. Disclaimer: {article.disclaimer}."
        yield from self.notes
        yield (
            "Submitted to Medical review."
            if self.submitted
            else "Not submitted: it stays a draft until an editor submits it to Medical review."
        )


def may_import_under(user, parent):
    """Whether ``user`` may create an article under ``parent`` (an articles index)."""
    return (
        ArticlePage.can_create_at(parent) and parent.permissions_for_user(user).can_add_subpage()
    )


def resolve_condition(outline, condition, locale):
    """``condition`` if given (it must be in the article's language), else the one
    condition in that language the title (or subtitle) names."""
    if condition is not None:
        if condition.locale_id != locale.pk:
            raise DocumentError(
                f"Choose the {locale.language_name_localized} version of the condition "
                f"'{condition}': articles cite conditions in their own language.",
                code="condition",
            )
        return condition
    named = f"{outline.title} {outline.subtitle}".casefold()
    in_language = Condition.objects.filter(locale=locale)
    matches = [c for c in in_language if c.name.casefold() in named]
    if len(matches) == 1:
        return matches[0]
    found = ", ".join(c.name for c in matches) or "none"
    raise DocumentError(
        f"Choose the article's condition: the title names {found} of the conditions in the "
        "library.",
        code="condition",
    )


def resolve_disclaimer(outline, notes, locale):
    """The disclaimer (in the article's language) whose text is the document's last
    paragraph, which then leaves the article's text; otherwise that language's default
    disclaimer, and a note saying so."""
    in_language = Disclaimer.objects.filter(locale=locale)
    last = outline.last_paragraph()
    if last is not None:
        wanted = " ".join(last.split()).casefold()
        for disclaimer in in_language:
            if plain_text(disclaimer.body).casefold() == wanted:
                outline.take_disclaimer()
                notes.append(f"The last paragraph is the disclaimer '{disclaimer}': linked.")
                return disclaimer
    if outline.closing:
        raise DocumentError(
            "The last paragraph follows the table under no heading, and it is not the text "
            "of any disclaimer: give it a heading, or make it a disclaimer's exact text.",
            code="disclaimer",
        )
    default = in_language.filter(is_default=True).first()
    if default is None:
        raise DocumentError(
            "The last paragraph is not the text of any disclaimer and there is no default "
            f"{locale.language_name_localized} disclaimer: create one first.",
            code="disclaimer",
        )
    notes.append(
        f"The last paragraph matches no disclaimer: it stays in the text; the article "
        f"carries the default disclaimer '{default}'."
    )
    return default


def unique_slug(title, parent):
    slug = slugify(title)[:255]
    if not slug:
        raise DocumentError(
            "The title has no letters or digits to make a URL from.", 1, "no_title"
        )
    if parent.get_children().filter(slug=slug).exists():
        raise DocumentError(
            f"An article with the slug '{slug}' already exists in '{parent.title}': rename "
            "it or import the document under another title.",
            code="duplicate",
        )
    return slug


def build_article(outline, parent, condition=None):
    """An unsaved draft ``ArticlePage`` for ``outline`` and notes for the editor."""
    notes = []
    if not outline.intro:
        raise DocumentError(
            "The document has no intro: put at least one paragraph between the title and "
            "the first heading.",
            code="structure",
        )
    disclaimer = resolve_disclaimer(outline, notes, parent.locale)
    article = ArticlePage(
        title=outline.title,
        slug=unique_slug(outline.title, parent),
        subtitle=outline.subtitle,
        summary=summary_from(outline),
        intro=paragraphs_html(outline.intro),
        condition=resolve_condition(outline, condition, parent.locale),
        body=article_body(outline),
        disclaimer=disclaimer,
        locale=parent.locale,  # the index's language (checking the fields would default it)
        live=False,
    )
    notes.append("The summary is the intro's first paragraph: check it before submitting.")
    return article, notes


def check_fields(article):
    try:
        article.full_clean(exclude=["path", "depth", "numchild", "url_path", "draft_title"])
    except ValidationError as error:
        problems = "; ".join(
            f"{ArticlePage._meta.get_field(name).verbose_name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise DocumentError(problems, code="invalid") from None


@transaction.atomic
def import_article(outline, parent, *, user=None, submit=False, condition=None):
    """Create a draft article from ``outline`` under ``parent`` (an ``ArticleIndexPage``);
    with ``submit``, start its Medical review as ``user``. Raises ``DocumentError`` or
    ``ImportNotAllowed`` and then creates nothing."""
    parent = ArticleIndexPage.objects.get(pk=parent.pk)
    if user is not None and not may_import_under(user, parent):
        raise ImportNotAllowed(f"{user} may not add articles to '{parent.title}'.")
    if submit and user is None:
        raise ImportNotAllowed("Submitting to Medical review needs a user to submit as.")
    article, notes = build_article(outline, parent, condition)
    check_fields(article)
    parent.add_child(instance=article)
    log(instance=article, action="wagtail.create", user=user)
    article.save_revision(user=user, log_action=True)
    result = ImportResult(article, notes=notes)
    if submit:
        submit_for_review(article, user)
        result.submitted = True
    return result


def submit_for_review(article, user):
    """Start the article's workflow as ``user``, if they may, as the edit view's Submit."""
    permissions = article.permissions_for_user(user)
    if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
        raise ImportNotAllowed(f"{user} may not submit '{article.title}' to Medical review.")
    if not article.disclaimer.live:
        raise DocumentError(
            f"The disclaimer '{article.disclaimer}' is not published: an article goes to "
            "review only with a published disclaimer. Import without submitting.",
            code="disclaimer",
        )
    article.get_workflow().start(article, user)
