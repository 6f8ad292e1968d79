from .pages import ArticleIndexPage, ArticlePage, ArticleSource
from .snippets import Condition, Disclaimer, TrustedSource

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleSource",
    "Condition",
    "Disclaimer",
    "TrustedSource",
]
