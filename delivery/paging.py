"""Paging arguments are plain ``Int``s, checked against documented bounds.

Grapple types ``page``, ``perPage``, ``limit`` and ``offset`` (and the pagination
counts) with its ``PositiveInt`` scalar: clients cannot pass an ``Int!`` variable to it,
code generators type it ``unknown``, and out-of-range values are silently replaced (a
``perPage: 0`` became the default page size). After the schema is built, every use of the
scalar becomes ``Int``, and each field with paging arguments checks them before its
resolver runs: a value out of bounds is a ``BAD_USER_INPUT`` error naming the bounds.
The project's own paging arguments (``articles``, ``articleChanges``) are ``Int``s with the
same names, checked the same way.
"""

from functools import wraps

from django.conf import settings
from graphql import (
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    default_field_resolver,
)

from .error_codes import BAD_USER_INPUT, coded_error

REPLACED_SCALAR = "PositiveInt"


def paging_bounds():
    """``{argument: (minimum, maximum or None)}`` for every paging argument."""
    max_page_size = settings.GRAPPLE["MAX_PAGE_SIZE"]
    return {
        "page": (1, None),
        "perPage": (1, max_page_size),
        "limit": (1, max_page_size),
        "offset": (0, None),
    }


def out_of_bounds(name, value, bounds):
    """A ``BAD_USER_INPUT`` error if ``value`` is outside ``bounds``, else ``None``."""
    minimum, maximum = bounds
    if value is None or minimum <= value and (maximum is None or value <= maximum):
        return None
    if maximum is None:
        return coded_error(f"{name} must be {minimum} or more; got {value}.", BAD_USER_INPUT)
    return coded_error(
        f"{name} must be between {minimum} and {maximum}; got {value}.", BAD_USER_INPUT
    )


def as_int(graphql_type):
    """The same wrapping (non-null, list) around ``Int`` instead of the replaced scalar."""
    if isinstance(graphql_type, GraphQLNonNull):
        return GraphQLNonNull(as_int(graphql_type.of_type))
    if isinstance(graphql_type, GraphQLList):
        return GraphQLList(as_int(graphql_type.of_type))
    return GraphQLInt if graphql_type.name == REPLACED_SCALAR else graphql_type


def named(graphql_type):
    while isinstance(graphql_type, (GraphQLNonNull, GraphQLList)):
        graphql_type = graphql_type.of_type
    return graphql_type


def checking_paging(resolve, checked):
    """``resolve``, refusing out-of-bounds paging arguments first.

    ``checked`` maps the resolver's keyword (snake_case) to the argument's schema name and
    bounds.
    """
    resolve = resolve or default_field_resolver

    @wraps(resolve)
    def resolve_checked(root, info, **kwargs):
        for keyword, (name, bounds) in checked.items():
            error = out_of_bounds(name, kwargs.get(keyword), bounds)
            if error is not None:
                raise error
        return resolve(root, info, **kwargs)

    return resolve_checked


def use_int_for_paging(graphql_schema):
    """Replace Grapple's ``PositiveInt`` with ``Int`` everywhere, with bounds checks."""
    bounds = paging_bounds()
    for graphql_type in list(graphql_schema.type_map.values()):
        if not isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            continue
        for field in graphql_type.fields.values():
            field.type = as_int(field.type)
            checked = {}
            for name, argument in field.args.items():
                type_name = named(argument.type).name
                if type_name == REPLACED_SCALAR or type_name == "Int" and name in bounds:
                    argument.type = as_int(argument.type)
                    checked[argument.out_name or name] = (name, bounds.get(name, (0, None)))
            if checked and isinstance(graphql_type, GraphQLObjectType):
                field.resolve = checking_paging(field.resolve, checked)
    graphql_schema.type_map.pop(REPLACED_SCALAR, None)


def page_of(queryset, start, stop):
    """``list(queryset[start:stop])``, with the database sorting only primary keys.

    Sliced directly, the database sorts every matching row in full before skipping to
    ``start``; an article row carries its whole body, so at 10,000 articles (SQLite) one
    page of 100 spent about 170 ms in that sort, more the further the page. Here the
    window of keys is chosen in a subquery and only its rows are fetched and sorted: the
    same rows in the same order, in the same single query (``select_related`` and
    ``prefetch_related`` apply as before).
    """
    window = queryset.values("pk")[start:stop]
    return list(queryset.filter(pk__in=window))
