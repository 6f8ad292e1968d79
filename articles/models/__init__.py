from .dependencies import ArticleChange, ArticleDependency, DependencyKind
from .pages import ArticleIndexPage, ArticlePage, ArticleSource
from .publisher import PublisherSettings
from .snippets import Condition, Disclaimer, TrustedSource
from .sync import ArticleTombstone

__all__ = [
    "ArticleChange",
    "ArticleDependency",
    "DependencyKind",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTombstone",
    "ArticleSource",
    "Condition",
    "PublisherSettings",
    "Disclaimer",
    "TrustedSource",
]
