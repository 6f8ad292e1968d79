"""Validation and tree rules of the content model."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage, Disclaimer
from home.models import HomePage

from .factories import simple_body

pytestmark = pytest.mark.django_db


def body_errors(article):
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    return caught.value.error_dict["body"][0]


def test_incomplete_table_row_names_the_empty_field(seed_article):
    seed_article.body = simple_body(row={"common_side_effects": "  "})
    error = body_errors(seed_article)
    assert isinstance(error, StreamBlockValidationError)
    table_error = error.block_errors[1]
    row_error = table_error.block_errors["rows"].block_errors[0]
    assert list(row_error.block_errors) == ["common_side_effects"]
    assert (
        "Common side effects is required" in row_error.block_errors["common_side_effects"].message
    )


def test_complete_rows_validate(seed_article):
    seed_article.full_clean()


def test_body_needs_a_section(seed_article):
    seed_article.body = [
        (b.block_type, b.value) for b in seed_article.body if b.block_type != "section"
    ]
    error = body_errors(seed_article)
    assert "Section" in str(error.non_block_errors) or "minimum" in str(error.non_block_errors)


def test_missing_disclaimer_is_a_validation_error(seed_article):
    seed_article.disclaimer = None
    with pytest.raises(ValidationError) as caught:
        seed_article.full_clean()
    assert "disclaimer" in caught.value.error_dict


def test_new_articles_default_to_the_default_disclaimer(demo_content):
    assert ArticlePage().disclaimer == Disclaimer.objects.get(is_default=True)


def test_only_one_default_disclaimer(demo_content):
    with pytest.raises(IntegrityError), transaction.atomic():
        Disclaimer.objects.create(title="Second", body="<p>x</p>", is_default=True)


def test_tree_rules(demo_content):
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert HomePage.allowed_subpage_models() == [ArticleIndexPage]
    home = HomePage.objects.get()
    index = ArticleIndexPage.objects.get()
    assert not ArticlePage.can_create_at(home)
    assert ArticlePage.can_create_at(index)
    # One article library per home page.
    assert not ArticleIndexPage.can_create_at(home)
    assert not HomePage.can_create_at(index)
    assert HomePage.can_create_at(Page.get_first_root_node())
