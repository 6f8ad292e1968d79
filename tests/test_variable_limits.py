"""Limits that count what variables do: coerced values, defaults, sizes, search terms.

Every test goes over HTTP to /graphql/, and every refusal is a 400 with the limit's own
``extensions.code`` and a message naming the argument (or variable) and the limit.
"""

import pytest
from django.test import Client

from delivery import error_codes
from delivery.caching import parsed_query
from delivery.settings import delivery_settings
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

LIMITS = delivery_settings.GRAPHQL_LIMITS
NESTED_PAGES = "{ pages(limit: $n) { children(limit: $n) { children(limit: $n) { id title } } } }"


@pytest.fixture
def graphql():
    """A client asking for application/graphql-response+json, under which refusals are 400s.

    (Under legacy application/json they are 200s, as GraphQL over HTTP says; see
    test_graphql_over_http.)
    """
    return GraphQLClient(Client(HTTP_ACCEPT="application/graphql-response+json"))


def refused(response, code, *message_parts):
    assert response.status_code == 400, response.content
    payload = response.json()
    assert "data" not in payload, payload
    error = payload["errors"][0]
    assert error["extensions"]["code"] == code, error
    for part in message_parts:
        assert part in error["message"], error["message"]
    return error["message"]


@pytest.mark.parametrize(
    ("definition", "variables"),
    [
        ("$n: Int", {"n": 100}),
        ("$n: Int = 100", {}),  # the operation's default
        ("$n: Int", {"n": 100.0}),  # coerced to 100
    ],
    ids=["int", "default", "float"],
)
def test_cost_counts_variables_as_the_schema_coerces_them(graphql, definition, variables):
    response = graphql.post(f"query({definition}) {NESTED_PAGES}", variables)
    refused(response, error_codes.QUERY_TOO_COMPLEX, "estimated cost is 2010101", "100000")


def test_a_string_for_an_int_is_bad_user_input(graphql):
    response = graphql.post(f"query($n: Int) {NESTED_PAGES}", {"n": "100"})
    refused(response, error_codes.BAD_USER_INPUT, "Int cannot represent non-integer value")


def test_cost_within_the_limit_runs(graphql, demo_content):
    graphql.execute(f"query($n: Int = 10) {NESTED_PAGES}")


def test_typename_counts_for_the_alias_limit(graphql):
    aliases = LIMITS["MAX_ALIASES"]
    graphql.execute("{ " + " ".join(f"t{i}: __typename" for i in range(aliases)) + " }")
    query = "{ " + " ".join(f"t{i}: __typename" for i in range(aliases + 1)) + " }"
    refused(graphql.post(query), error_codes.TOO_MANY_ALIASES, f"uses {aliases + 1} aliases")


def test_a_megabyte_list_variable_is_refused_before_the_body_is_parsed(graphql):
    query = "query($s: [Int]) { images { srcSet(sizes: $s) } }"
    response = graphql.post(query, {"s": list(range(150_000))})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == error_codes.REQUEST_TOO_LARGE


def test_a_long_list_variable_is_refused_before_it_is_coerced(graphql):
    query = "query($s: [Int]) { images { srcSet(sizes: $s) } }"
    refused(
        graphql.post(query, {"s": list(range(5_000))}),  # 29 KB, under the body limit
        error_codes.TOO_MANY_LIST_ITEMS,
        "variable $s has 5000 items",
        f"at most {LIMITS['MAX_LIST_ARGUMENT_LENGTH']} (MAX_LIST_ARGUMENT_LENGTH)",
    )


def test_deeply_nested_list_variables_are_refused_without_recursion(graphql):
    nested = []
    for _ in range(500):
        nested = [nested]
    response = graphql.post("query($s: [Int]) { images { srcSet(sizes: $s) } }", {"s": nested})
    refused(response, error_codes.BAD_REQUEST, "variables nest 501 levels deep")


def test_a_long_literal_list_argument_is_refused(graphql):
    sizes = ", ".join(str(400 + i) for i in range(LIMITS["MAX_LIST_ARGUMENT_LENGTH"] + 1))
    refused(
        graphql.post(f"{{ images {{ srcSet(sizes: [{sizes}]) }} }}"),
        error_codes.TOO_MANY_LIST_ITEMS,
        "argument srcSet(sizes:) has 21 items",
    )


@pytest.mark.parametrize(
    "query",
    [
        "query($v: String) { pages(contentType: $v) { id } }",
        "query($v: String) { pages(order: $v) { id } }",
        "query($v: String) { pages(searchQuery: $v) { id } }",
        "query($v: String) { search(query: $v) { __typename } }",
    ],
    ids=["contentType", "order", "searchQuery", "search"],
)
def test_huge_string_variables_are_refused(graphql, query):
    refused(
        graphql.post(query, {"v": "articles.ArticlePage," * 2_000}),  # 42 KB
        error_codes.ARGUMENT_TOO_LONG,
        "variable $v is 42000 characters long",
        f"at most {LIMITS['MAX_STRING_ARGUMENT_LENGTH']} (MAX_STRING_ARGUMENT_LENGTH)",
    )


def test_a_long_string_argument_is_refused(graphql):
    order = ",".join(["id"] * 400)  # 1,199 characters, within the document limit
    refused(
        graphql.post(f'{{ pages(order: "{order}") {{ id }} }}'),
        error_codes.ARGUMENT_TOO_LONG,
        "argument pages(order:) is 1199 characters long",
    )


def test_search_terms_are_capped_and_cost(graphql, demo_content):
    terms = LIMITS["MAX_SEARCH_TERMS"]
    query = "query($q: String) { search(query: $q) { __typename } }"
    graphql.execute(query, {"q": " ".join(["heart"] * terms)})
    refused(
        graphql.post(query, {"q": " ".join(["heart"] * (terms + 1))}),
        error_codes.TOO_MANY_SEARCH_TERMS,
        f"search(query:) has {terms + 1} search terms",
        "(MAX_SEARCH_TERMS)",
    )
    # One term in a search under a page of 100 pages: 100 searches of SEARCH_TERM_COST.
    nested = '{ pages(limit: 100) { children(searchQuery: "heart") { id } } }'
    refused(graphql.post(nested), error_codes.QUERY_TOO_COMPLEX, "estimated cost is")


def test_srcset_sizes_cost(graphql, settings):
    settings.GRAPHQL_LIMITS = {"MAX_COMPLEXITY": 1_000}
    # 1 + 100 images × (1 + 1 + 10 sizes × SRCSET_SIZE_COST)
    query = "{ images(limit: 100) { id srcSet(sizes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) } }"
    cost = 1 + 100 * (1 + 1 + 10 * LIMITS["SRCSET_SIZE_COST"])
    refused(graphql.post(query), error_codes.QUERY_TOO_COMPLEX, f"estimated cost is {cost};")


def test_every_document_limit_has_its_own_code(graphql):
    deep = "{ pages { parent { parent { parent { parent { parent { parent { parent { id"
    refused(graphql.post(deep + " } } } } } } } } }"), error_codes.QUERY_TOO_DEEP)
    wide = "{ " + " ".join(f"f{i}: __typename" for i in range(LIMITS["MAX_SELECTIONS"] + 1))
    refused(graphql.post(wide + " }"), error_codes.TOO_MANY_SELECTIONS)
    repeated = "{ " + "conditions { slug } " * (LIMITS["MAX_REPEATED_FIELD"] + 1) + "}"
    refused(graphql.post(repeated), error_codes.TOO_MANY_REPEATED_FIELDS)
    refused(graphql.post("{ x }" + " " * LIMITS["MAX_QUERY_BYTES"]), error_codes.QUERY_TOO_LARGE)


def test_validation_is_cached_once_per_document_whatever_the_variables(graphql, seed_article):
    query = (
        "query($slug: String, $n: Int) { article(slug: $slug) { title } pages(limit: $n) { id } }"
    )
    for n in range(1, 21):
        graphql.execute(query, {"slug": seed_article.slug, "n": n})
    assert len(parsed_query(query).validation_errors) == 1
