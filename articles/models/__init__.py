from .pages import ArticleIndexPage, ArticlePage, ArticleSource
from .review import MedicalReviewTask
from .snippets import Condition, Disclaimer, TrustedSource

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleSource",
    "Condition",
    "Disclaimer",
    "MedicalReviewTask",
    "TrustedSource",
]
