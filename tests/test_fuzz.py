"""Property-based fuzzing of /graphql/ with Hypothesis: no 5xx and no leak, whatever is sent.

Queries are built from the running schema (random selection sets over the real types,
random argument values of the right and wrong shapes), variables are random JSON, bodies
random bytes under random content types. Hidden content (drafts, private pages, draft
snippets, private media) carries the marker that must never come back. Example counts are
modest for CI; set ``FUZZ_EXAMPLES`` for a longer run.
"""

import json
import os
import re
import time

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLUnionType,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from delivery.schema import schema

from .test_published_only import (
    MARKER,
    draft_condition,
    draft_disclaimer,
    draft_revision_of_live_page,
    media_in_private_collections,
    never_published_draft,
    restricted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Thousands of uncached requests from one address: the fuzzing is not about 429s."""
    settings.GRAPHQL_RATE_LIMIT = {**settings.GRAPHQL_RATE_LIMIT, "ENABLED": False}


GRAPHQL = schema.graphql_schema
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or None
fuzz = settings(
    max_examples=EXAMPLES or 100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JSON_STRINGS = st.text(max_size=30).map(json.dumps)
INTS = st.integers(min_value=-(2**31), max_value=2**31 - 1)
SCALAR_LITERALS = {
    "Int": INTS.map(str),
    "PositiveInt": st.one_of(st.integers(0, 150), st.integers(-5, -1)).map(str),
    "Float": st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    "Boolean": st.sampled_from(["true", "false"]),
    "ID": st.one_of(st.integers(0, 60).map(str), JSON_STRINGS),
    "String": st.one_of(
        JSON_STRINGS,
        st.sampled_from(
            [
                '"title"',
                '"-first_published_at"',
                '"draft_title"',
                '"articles.ArticlePage"',
                '"leakmark"',
                '"/health-articles/"',
                '"immunotherapy-for-multiple-myeloma"',
                '"multiple-myeloma"',
            ]
        ),
    ),
}


@st.composite
def literal(draw, input_type):
    """A GraphQL literal for an argument type, sometimes of the wrong shape."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from(["null", "1", '"x"', "[1]", "{a: 1}", "FOO"]))
    nullable = get_nullable_type(input_type)
    if isinstance(nullable, GraphQLList):
        return f"[{draw(literal(nullable.of_type))}]"
    named = get_named_type(input_type)
    if isinstance(named, GraphQLEnumType):
        return draw(st.sampled_from(list(named.values)))
    if isinstance(named, GraphQLInputObjectType):
        return "{}"
    return draw(SCALAR_LITERALS.get(named.name, JSON_STRINGS))


@st.composite
def arguments(draw, field):
    if not field.args:
        return ""
    names = draw(st.lists(st.sampled_from(list(field.args)), unique=True, max_size=3))
    if not names:
        return ""
    return (
        "(" + ", ".join(f"{name}: {draw(literal(field.args[name].type))}" for name in names) + ")"
    )


@st.composite
def selection_set(draw, named_type, depth):
    """``{ ... }`` over a composite type's real fields (and its possible types)."""
    selections = []
    fields = getattr(named_type, "fields", {})
    if fields:
        candidates = list(fields)
        if depth >= 3:
            candidates = [
                name for name in candidates if is_leaf_type(get_named_type(fields[name].type))
            ]
        names = (
            draw(
                st.lists(
                    st.sampled_from(candidates or ["__typename"]),
                    unique=True,
                    min_size=1,
                    max_size=4,
                )
            )
            if candidates
            else []
        )
        for name in names:
            field = fields[name]
            target = get_named_type(field.type)
            sub = "" if is_leaf_type(target) else draw(selection_set(target, depth + 1))
            selections.append(f"{name}{draw(arguments(field))} {sub}".strip())
    if isinstance(named_type, GraphQLInterfaceType | GraphQLUnionType) and depth < 3:
        possible = list(GRAPHQL.get_possible_types(named_type))
        for object_type in draw(st.lists(st.sampled_from(possible), unique=True, max_size=2)):
            selections.append(
                f"... on {object_type.name} {draw(selection_set(object_type, depth + 1))}"
            )
    selections.append("__typename")
    return "{ " + " ".join(selections) + " }"


queries = selection_set(GRAPHQL.query_type, 0)


@pytest.fixture
def hidden_content(seed_article, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    for state in (
        never_published_draft,
        draft_revision_of_live_page,
        restricted("login"),
        draft_condition,
        draft_disclaimer,
        media_in_private_collections,
    ):
        state(seed_article, editor)


def assert_safe(response):
    """No server error; no hidden content in the data (errors may echo the request)."""
    assert response.status_code < 500, response.content[:500]
    if response.get("Content-Type", "").startswith("application/json"):
        payload = json.loads(response.content)
        data = json.dumps(payload.get("data") if isinstance(payload, dict) else payload)
        assert MARKER.lower() not in data.lower(), data[:500]
        for error in payload.get("errors", []) if isinstance(payload, dict) else []:
            assert "Traceback" not in error["message"]
            assert "Choices are" not in error["message"]
            assert not PYTHON_ERROR_TEXT.search(error["message"]), error["message"]


# What Python's own exceptions say, which must never reach an app developer.
PYTHON_ERROR_TEXT = re.compile(
    r"\b(int|float|str|len)\(\)|NoneType|object has no attribute|not subscriptable|"
    r"cannot convert|unhashable|argument must be|invalid literal for|not JSON serializable|"
    r"maximum recursion|codec can't|surrogates not allowed"
)


@fuzz
@given(query=queries)
def test_queries_built_from_the_schema(graphql, hidden_content, query):
    assert_safe(graphql.post(query))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | INTS | st.text(max_size=20) | st.floats(allow_nan=False),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
WITH_VARIABLES = """query($id: ID, $slug: String, $page: PositiveInt, $perPage: PositiveInt,
                         $order: ArticleOrder, $limit: PositiveInt, $q: String) {
  article(id: $id) { title }
  bySlug: page(slug: $slug) { title }
  articles(page: $page, perPage: $perPage, order: $order) { items { title } }
  pages(limit: $limit, id: $id) { title }
  search(query: $q) { __typename }
}"""
VARIABLE_NAMES = ["id", "slug", "page", "perPage", "order", "limit", "q"]


@fuzz
@given(
    variables=st.one_of(st.dictionaries(st.sampled_from(VARIABLE_NAMES), JSON_VALUES), JSON_VALUES)
)
def test_random_variables(graphql, hidden_content, variables):
    body = json.dumps({"query": WITH_VARIABLES, "variables": variables})
    assert_safe(graphql.client.post("/graphql/", body, content_type="application/json"))


CONTENT_TYPES = [
    "application/json",
    "application/graphql",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "text/plain",
    "application/json; charset=latin-1",
    "",
]
BODIES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    st.fixed_dictionaries(
        {},
        optional={
            "query": JSON_VALUES | queries,
            "variables": JSON_VALUES,
            "operationName": JSON_VALUES,
        },
    ).map(lambda body: json.dumps(body).encode()),
)


@fuzz
@example(body=b"\x89PNG", content_type="application/graphql", method="POST")
@given(
    body=BODIES,
    content_type=st.sampled_from(CONTENT_TYPES),
    method=st.sampled_from(["POST", "GET", "PUT"]),
)
def test_random_bodies(graphql, hidden_content, body, content_type, method):
    client = graphql.client
    if method == "GET":
        params = {"query": body.decode("utf-8", errors="replace")}
        response = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    else:
        response = client.generic(method, "/graphql/", body, content_type=content_type)
    assert_safe(response)


# Variables built as raw JSON text: sizes and depths Python's json module could not even
# encode, non-finite numbers (json.loads reads NaN and Infinity), lone surrogates, and
# values of the wrong type for every variable.
RAW_VARIABLE_VALUES = st.one_of(
    st.integers(1, 70_000).map(lambda n: json.dumps("x" * n)),
    st.integers(1, 20_000).map(lambda n: json.dumps(list(range(n)))),
    st.integers(1, 30_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 10_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.integers(1, 600).map(lambda n: json.dumps(" ".join(f"w{i}" for i in range(n)))),
    st.sampled_from(
        [
            "NaN",
            "Infinity",
            "-Infinity",
            "1e400",
            "-1e400",
            "1e-400",
            "9" * 400,
            '"1e400"',
            '"NaN"',
            '"\\ud800"',
            '"a\\udfffb"',
            '{"\\ud800": 1}',
            '["\\udc00"]',
            "100.0",
            "100.5",
            '"100"',
            "2147483648",
            "-1",
            "true",
            "{}",
            "[]",
            '{"a": 1}',
        ]
    ),
    JSON_VALUES.map(json.dumps),
)


@fuzz
@example(raw={"limit": "NaN"})
@example(raw={"q": json.dumps(" ".join(f"w{i}" for i in range(600)))})
@example(raw={"id": "[" * 30_000 + "]" * 30_000})
@example(raw={"slug": '"\\ud800"'})
@given(raw=st.dictionaries(st.sampled_from(VARIABLE_NAMES), RAW_VARIABLE_VALUES, max_size=3))
def test_abusive_variables(graphql, hidden_content, raw):
    """Huge, deep, wrongly typed, non-finite and surrogate variables: a clear answer, fast."""
    variables = "{" + ", ".join(f"{json.dumps(name)}: {value}" for name, value in raw.items())
    body = '{"query": ' + json.dumps(WITH_VARIABLES) + ', "variables": ' + variables + "}}"
    start = time.perf_counter()
    response = graphql.client.post("/graphql/", body, content_type="application/json")
    elapsed = time.perf_counter() - start
    assert_safe(response)
    assert elapsed < 2, f"{elapsed:.2f} s for variables {body[:200]}"
