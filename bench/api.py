"""The article as Wagtail's REST API v2 serves it, for the benchmark only.

The product has no REST API. These ``api_fields`` give the REST detail endpoint the same
article content as the GraphQL article query, using stock Wagtail serialisation (no
prefetching), which is the baseline the issue measured.
"""

from rest_framework import serializers
from wagtail.api import APIField

from articles.models import ArticlePage, Condition, Disclaimer, TrustedSource


class ConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Condition
        fields = ["name", "slug", "description"]


class DisclaimerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disclaimer
        fields = ["title", "body"]


class TrustedSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrustedSource
        fields = ["name", "url"]


def expose_articles():
    ArticlePage.api_fields = [
        APIField("subtitle"),
        APIField("summary"),
        APIField("intro"),
        APIField("condition", serializer=ConditionSerializer()),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("ordered_sources", serializer=TrustedSourceSerializer(many=True)),
        APIField("published_disclaimer", serializer=DisclaimerSerializer()),
        APIField("body"),
    ]
