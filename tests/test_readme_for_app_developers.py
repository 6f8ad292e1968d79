"""The README's queries are ones Apollo can cache without churn, and its admin directions
match the admin."""

import pytest
from graphql import (
    FieldNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    InlineFragmentNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    parse,
    visit,
)

from cms.settings.base import BASE_DIR
from delivery.schema import schema
from tests.test_query_limits import operation_name, readme_queries

README = (BASE_DIR / "README.md").read_text(encoding="utf-8")


class UnkeyedSelections(Visitor):
    """Selection sets on a type that has an ``id`` field but do not select it."""

    def __init__(self, type_info):
        super().__init__()
        self.type_info = type_info
        self.missing = []

    def enter_selection_set(self, node, key, parent, path, ancestors):
        enclosing = [node for node in ancestors if isinstance(node, SelectionSetNode)]
        if isinstance(parent, InlineFragmentNode) and selects_id(enclosing[-1]):
            return  # `... on ArticlePage { ... }` beside an `id` already selected
        selected_type = get_named_type(self.type_info.get_type())
        if selected_type is schema.graphql_schema.query_type:
            return
        if not isinstance(selected_type, (GraphQLObjectType, GraphQLInterfaceType)):
            return
        if "id" not in selected_type.fields:
            return
        if not selects_id(node):
            self.missing.append(selected_type.name)


def selects_id(selection_set):
    return any(
        isinstance(selection, FieldNode) and selection.name.value == "id"
        for selection in selection_set.selections
    )


@pytest.mark.parametrize("query", readme_queries(), ids=operation_name)
def test_readme_queries_select_every_id_apollo_keys_on(query):
    type_info = TypeInfo(schema.graphql_schema)
    finder = UnkeyedSelections(type_info)
    visit(parse(query), TypeInfoVisitor(type_info, finder))
    assert finder.missing == [], f"select `id` on {finder.missing}"


def test_readme_says_where_scheduling_lives():
    assert "**Set schedule**" in README
    assert "Status" in README.split("**Scheduling.**", 1)[1][:200]
    assert "Settings tab" not in README


def test_readme_lists_every_error_code():
    from delivery import error_codes

    codes = [name for name in dir(error_codes) if name.isupper()]
    missing = [code for code in codes if f"`{getattr(error_codes, code)}`" not in README]
    assert missing == []
