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


class Reviewer(graphene.ObjectType):
    """The medical reviewer credited on an article: a display name, nothing internal."""

    name = graphene.String(required=True)


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
