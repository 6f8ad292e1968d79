"""GraphQL types the article models declare in their ``graphql_fields``."""

from functools import cache

import graphene
from grapple.registry import registry


def required_list(of_type):
    """``[T!]!`` for a type given lazily (Grapple registers types in its ready())."""
    return graphene.NonNull(graphene.List(graphene.NonNull(of_type)))


class TombstoneReason(graphene.Enum):
    """Why an article is no longer served at a path."""

    UNPUBLISHED = "unpublished"
    DELETED = "deleted"
    MOVED = "moved"

    @property
    def description(self):
        return {
            "unpublished": "Unpublished (also when its expiry date passed).",
            "deleted": "Deleted while it was live.",
            "moved": "Moved away: it is now served at another path.",
        }[self.value]


class Reviewer(graphene.ObjectType):
    """The medical reviewer credited on an article: a display name, nothing internal."""

    name = graphene.String(required=True, description="The name shown to readers.")


class ArticleTranslation(graphene.ObjectType):
    """A live version of an article in one language, for language switchers and
    `hreflang` links."""

    locale = graphene.String(
        required=True, description="Its language code, such as `es` (as `ArticlePage.locale`)."
    )
    url = graphene.String(
        required=True, description="Where readers find it (as `ArticlePage.url`)."
    )
    slug = graphene.String(required=True, description="Its slug, in its language.")
    id = graphene.ID(required=True, description="Its id: `article(id:)` serves it.")
    title = graphene.String(required=True, description="Its title, in its language.")


class Readability(graphene.ObjectType):
    """Plain-language figures of an article version, measured over its intro, section and
    subsection bodies and table cells (headings and the disclaimer left out)."""

    # Computed by articles.readability.

    grade_level = graphene.Float(
        required=True,
        description="Flesch-Kincaid grade: the US school grade a reader needs (lower is "
        "plainer; health information aims at 8 or below).",
    )
    reading_ease = graphene.Float(
        required=True,
        description="Flesch reading ease, 0 to 100 (higher is easier; 60 to 70 is plain).",
    )
    reading_time_minutes = graphene.Int(
        required=True,
        description="Minutes to read the measured text at 238 words a minute, rounded up.",
    )

    @classmethod
    def from_figures(cls, figures):
        return cls(
            grade_level=figures.grade_level,
            reading_ease=figures.reading_ease,
            reading_time_minutes=figures.reading_time_minutes,
        )


def image_type():
    from grapple.types.images import get_image_type  # needs the models loaded

    return get_image_type()


class HeroImage(graphene.ObjectType):
    """An article's hero image as the article uses it, with the article's own alt text."""

    image = graphene.Field(
        graphene.NonNull(lambda: image_type()),
        description="The image: ask for `rendition` or `srcSet` in an allowed size and format.",
    )
    alt = graphene.String(
        required=True, description="Alt text for this use; empty when `decorative`."
    )
    decorative = graphene.Boolean(
        required=True, description="True when the image adds nothing a reader needs."
    )
    credit = graphene.String(required=True, description="Photographer, illustrator or licence.")

    @classmethod
    def for_article(cls, article, image):
        """The article's hero image as served, or ``None`` when it has none to serve."""
        if image is None:
            return None
        decorative = article.hero_image_decorative
        return cls(
            image=image,
            alt="" if decorative else article.hero_image_alt,
            decorative=decorative,
            credit=article.hero_image_credit,
        )


@cache
def article_body_block(stream_block):
    """Union of the block types an article body can hold, one member per child of the
    ``stream_block`` class.

    Built on first use because Grapple registers the block types in its ready().
    """
    member_blocks = [type(block) for block in stream_block.base_blocks.values()]

    class ArticleBodyBlock(graphene.Union):
        class Meta:
            description = "A block in an article body: switch on __typename."
            types = tuple(registry.streamfield_blocks[block] for block in member_blocks)

        @classmethod
        def resolve_type(cls, instance, info):
            return registry.streamfield_blocks[type(instance.block)]

    return ArticleBodyBlock
