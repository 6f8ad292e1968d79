"""The schema documents itself for app developers: every project type, field, argument and
enum value has a description, custom scalars say where they are specified, the ``Search``
union lists what search returns, and graphql-schema-linter (npm, pinned in tests/node)
passes on the project's types."""

import json

import pytest
from django.conf import settings
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    build_schema,
    print_schema,
)
from grapple.registry import registry

from delivery.schema import schema
from tests.node_projects import npm_project, run

GRAPHQL_SCHEMA = schema.graphql_schema
PROJECT_APPS = (*settings.GRAPPLE["APPS"], "delivery")
GRAPPLE_FILLER = "Provided by Wagtail Grapple."


def is_project_type(graphql_type):
    """Declared by the project's apps: a model, block or graphene type of theirs."""
    graphene_type = getattr(graphql_type, "graphene_type", None)
    if graphene_type is None:
        return False
    if (graphene_type.__module__ or "").split(".")[0] in PROJECT_APPS:
        return True
    model = getattr(graphene_type._meta, "model", None)
    if model is not None and model._meta.app_label in PROJECT_APPS:
        return True
    return any(
        block_type is graphene_type and block.__module__.split(".")[0] in PROJECT_APPS
        for block, block_type in registry.streamfield_blocks.items()
        if isinstance(block, type)
    )


PROJECT_TYPES = sorted(
    name
    for name, graphql_type in GRAPHQL_SCHEMA.type_map.items()
    if name == "Query" or not name.startswith("__") and is_project_type(graphql_type)
)


def undescribed(graphql_type):
    """Names of the type's parts that have no description."""
    missing = [] if graphql_type.description else [graphql_type.name]
    if isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
        for field_name, field in graphql_type.fields.items():
            if not field.description:
                missing.append(f"{graphql_type.name}.{field_name}")
            missing += [
                f"{graphql_type.name}.{field_name}({name})"
                for name, argument in field.args.items()
                if not argument.description
            ]
    if isinstance(graphql_type, GraphQLEnumType):
        missing += [
            f"{graphql_type.name}.{name}"
            for name, value in graphql_type.values.items()
            if not value.description
        ]
    return missing


def test_the_project_types_are_found():
    assert {"ArticlePage", "SectionBlock", "ComparisonTableBlock", "Disclaimer"} <= set(
        PROJECT_TYPES
    )
    assert {"Condition", "ArticleTombstone", "ArticleOrder", "Query"} <= set(PROJECT_TYPES)
    assert "ImageObjectType" not in PROJECT_TYPES


@pytest.mark.parametrize("type_name", PROJECT_TYPES)
def test_every_project_type_field_and_argument_is_described(type_name):
    assert undescribed(GRAPHQL_SCHEMA.type_map[type_name]) == []


@pytest.mark.parametrize("name", ["DateTime", "Date", "RichText", "UUID", "JSONString"])
def test_custom_scalars_say_where_they_are_specified(name):
    scalar = GRAPHQL_SCHEMA.type_map[name]
    assert scalar.specified_by_url.startswith("https://")
    assert f'scalar {name} @specifiedBy(url: "{scalar.specified_by_url}")' in print_schema(
        GRAPHQL_SCHEMA
    )


def test_search_union_lists_only_what_search_returns():
    members = {member.name for member in GRAPHQL_SCHEMA.type_map["Search"].types}
    assert members == {"HomePage", "ArticleIndexPage", "ArticlePage", "Condition"}


def sdl_for_linting():
    """The schema with Grapple's own types given a filler description: the linter judges
    the project's types, which Grapple's (images, generic blocks, ...) would drown."""
    linted = build_schema(print_schema(GRAPHQL_SCHEMA))
    for name, graphql_type in linted.type_map.items():
        if name.startswith("__") or name in PROJECT_TYPES:
            continue
        graphql_type.description = GRAPPLE_FILLER
        if isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            for field in graphql_type.fields.values():
                field.description = GRAPPLE_FILLER
                for argument in field.args.values():
                    argument.description = GRAPPLE_FILLER
        if isinstance(graphql_type, GraphQLInputObjectType):
            for field in graphql_type.fields.values():
                field.description = GRAPPLE_FILLER
        if isinstance(graphql_type, GraphQLEnumType):
            for value in graphql_type.values.values():
                value.description = GRAPPLE_FILLER
    return print_schema(linted)


def test_graphql_schema_linter_passes_on_the_project_types(tmp_path):
    project = npm_project("tests/node")
    sdl = tmp_path / "schema.graphql"
    sdl.write_text(sdl_for_linting(), encoding="utf-8")
    result = subprocess_lint(project, sdl)
    assert json.loads(result.stdout)["errors"] == []


def subprocess_lint(project, sdl):
    return run(
        ["npx", "--no-install", "graphql-schema-linter", "--format", "json", str(sdl)],
        cwd=project,
    )
