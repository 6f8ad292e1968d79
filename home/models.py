from grapple.models import GraphQLRichText
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root page of a site (a child of the tree root); it holds the article library."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage"]

    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="A welcome for the site's home page, if the frontend shows one.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    graphql_fields = [GraphQLRichText("intro", required=True)]
