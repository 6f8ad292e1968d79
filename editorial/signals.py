"""Signal receivers, connected in EditorialConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import ArticleIndexPage

from .roles import prepare_articles_tree


@receiver(post_save, sender=ArticleIndexPage, dispatch_uid="prepare_new_articles_tree")
def prepare_new_articles_tree(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        prepare_articles_tree(instance)
