from .pages import ArticleIndexPage, ArticlePage, ArticleSource
from .snippets import Condition, Disclaimer, TrustedSource
from .sync import ArticleTombstone

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTombstone",
    "ArticleSource",
    "Condition",
    "Disclaimer",
    "TrustedSource",
]
