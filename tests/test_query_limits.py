"""Abusive queries are refused with a clear GraphQL error before anything is resolved."""

import json
import re

import pytest
from django.test import override_settings

from cms.settings.base import BASE_DIR
from delivery.settings import delivery_settings

pytestmark = pytest.mark.django_db

LIMITS = delivery_settings.GRAPHQL_LIMITS


def refused(response, message):
    assert response.status_code == 400, response.content
    payload = response.json()
    assert "data" not in payload
    error = payload["errors"][0]
    assert error["message"].startswith(message), error["message"]
    return error["message"]


def readme_queries():
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```graphql\n(.*?)```", readme, flags=re.S)


def operation_name(query):
    return re.search(r"query (\w+)", query).group(1)


@pytest.mark.parametrize("query", readme_queries(), ids=operation_name)
def test_readme_queries_pass_the_limits(graphql, seed_article, query):
    assert len(readme_queries()) >= 4
    variables = {"slug": seed_article.slug, "page": 1, "since": None, "token": "not-a-token"}
    used = {name: value for name, value in variables.items() if f"${name}" in query}
    data = graphql.execute(query, used)
    if operation_name(query) != "Preview":  # no valid token here: the draft is null
        assert any(data.values())


def nested(field, depth):
    """``{ pages { parent { parent ... { id } } } }`` with ``depth`` fields in a chain."""
    return "{ pages " + "{ parent " * (depth - 2) + "{ id" + " }" * (depth - 1) + " }"


def test_depth_limit(graphql, demo_content):
    graphql.execute(nested("parent", LIMITS["MAX_DEPTH"]))
    refused(
        graphql.post(nested("parent", LIMITS["MAX_DEPTH"] + 1)),
        f"The query is {LIMITS['MAX_DEPTH'] + 1} fields deep; the maximum depth is",
    )


def aliased(count):
    return "{ " + " ".join(f"a{i}: conditions {{ slug }}" for i in range(count)) + " }"


def test_alias_limit(graphql, demo_content):
    graphql.execute(aliased(LIMITS["MAX_ALIASES"]))
    refused(
        graphql.post(aliased(LIMITS["MAX_ALIASES"] + 1)),
        f"The query uses {LIMITS['MAX_ALIASES'] + 1} aliases",
    )


def test_complexity_limit_multiplies_by_page_sizes(graphql, demo_content):
    # 1 + 100 × (1 + 100 × (1 + n)): n = 8 → 90,101; n = 9 → 100,101.
    assert LIMITS["MAX_COMPLEXITY"] == 100_000
    query = """query($n: PositiveInt) {
      pages(limit: 100) { children(limit: 100) { children(limit: $n) { id } } }
    }"""
    graphql.execute(query, {"n": 8})
    refused(graphql.post(query, {"n": 9}), "The query's estimated cost is 100101; the maximum")
    literal = "{ pages(limit: 100) { children(limit: 100) { children(limit: 9) { id } } } }"
    refused(graphql.post(literal), "The query's estimated cost is 100101")


def test_a_page_of_100_full_articles_fits(graphql, demo_content):
    """The largest page a static build asks for, with every field, is within the limit."""
    from .test_graphql_article import FULL_ARTICLE

    fields = FULL_ARTICLE.split("article(slug: $slug) {", 1)[1].rsplit("}", 2)[0]
    query = "{ articles(perPage: 100) { items {" + fields + "} } }"
    graphql.execute(query)


def test_unbounded_lists_count_as_estimated_size(graphql, demo_content):
    # `conditions` has no limit argument: 10 items of 3 fields, 31 in all. The pages cost
    # 1 + 12 × (1 + 84 × (1 + 98)) = 99,805: six lists of conditions fit (99,991), seven
    # do not (100,022).
    def query(lists):
        conditions = " ".join(
            f"c{i}: conditions {{ name slug description }}" for i in range(lists)
        )
        pages = "pages(limit: 12) { children(limit: 84) { children(limit: 98) { id } } }"
        return "{ " + pages + " " + conditions + " }"

    graphql.execute(query(6))
    refused(graphql.post(query(7)), "The query's estimated cost is 100022")


def test_fragment_bombs_are_refused_quickly(graphql, demo_content):
    fragments = "\n".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40)
    )
    query = "query { ...F0 }\n" + fragments + "\nfragment F40 on Query { conditions { slug } }"
    refused(graphql.post(query), "The query is too complex")


def test_repeated_fields_are_refused(graphql, demo_content):
    graphql.execute("{ " + "conditions { slug } " * LIMITS["MAX_REPEATED_FIELD"] + "}")
    query = "{ " + "conditions { slug } " * (LIMITS["MAX_REPEATED_FIELD"] + 1) + "}"
    refused(graphql.post(query), "The field 'conditions' is selected 11 times")


def test_wide_selection_sets_are_refused(graphql, demo_content):
    fields = " ".join(f"f{i}: __typename" for i in range(LIMITS["MAX_SELECTIONS"] + 1))
    refused(graphql.post("{ " + fields + " }"), "A selection set has 101 selections")


def test_document_size_limit_is_checked_before_parsing(graphql, demo_content):
    query = "{ conditions { slug } }"
    padding = LIMITS["MAX_QUERY_BYTES"] - len(query)
    graphql.execute(query + " " * padding)
    # Over the limit, the document is not even parsed: a syntax error would be reported.
    refused(
        graphql.post("{ unclosed" + " " * LIMITS["MAX_QUERY_BYTES"]),
        f"The query document is {LIMITS['MAX_QUERY_BYTES'] + 10} bytes; the maximum is",
    )


def test_operation_count_limit(graphql, demo_content):
    operations = " ".join(
        f"query Q{i} {{ conditions {{ slug }} }}" for i in range(LIMITS["MAX_OPERATIONS"] + 1)
    )
    response = graphql.client.post(
        "/graphql/",
        json.dumps({"query": operations, "operationName": "Q0"}),
        content_type="application/json",
    )
    refused(response, f"The document has {LIMITS['MAX_OPERATIONS'] + 1} operations")


def test_batched_requests_are_not_accepted(graphql, demo_content):
    batch = [{"query": "{ conditions { slug } }"}] * 2
    response = graphql.client.post("/graphql/", json.dumps(batch), content_type="application/json")
    assert response.status_code == 400
    assert "conditions" not in response.content.decode()


def test_introspection_can_be_switched_off(graphql, demo_content):
    assert graphql.execute("{ __schema { queryType { name } } }")
    with override_settings(GRAPHQL_INTROSPECTION=False):
        refused(graphql.post("{ __schema { types { name } } }"), "GraphQL introspection")
        refused(graphql.post('{ __type(name: "Query") { name } }'), "GraphQL introspection")
        assert graphql.execute("{ conditions { __typename } }")


def test_unexpected_failures_do_not_reveal_internals(graphql, demo_content, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Cannot resolve keyword 'x'. Choices are: draft_title, path")

    monkeypatch.setattr("articles.queries.paginate", broken)
    response = graphql.post("{ articles { items { id } } conditions { slug } }")
    assert response.status_code == 200
    payload = response.json()
    assert payload["errors"][0]["message"] == "Unexpected error while resolving this field."
    assert payload["errors"][0]["path"] == ["articles"]
    assert "draft_title" not in response.content.decode()
