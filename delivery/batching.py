"""Per-request batching for the GraphQL view (see ``articles.delivery``)."""

from articles.delivery import delivery_scope


class DeliveryScopeMixin:
    """Runs each GraphQL request in its own delivery scope.

    Pages fetched for one request (rich-text link targets, the sites' root paths) are shared
    by every field of that request and forgotten at its end, so a later request never sees
    a page that has since been unpublished.
    """

    def execute_graphql_request(self, *args, **kwargs):
        with delivery_scope():
            return super().execute_graphql_request(*args, **kwargs)
