"""graphene-django's ``graphql_schema``, also writing ``possibleTypes.json`` beside the SDL.

It lives in this app because Django runs the command of the first installed app that has
one, and ``delivery`` must be installed after ``graphene_django`` (it builds the schema from
Grapple's registry); ``articles`` comes first.
"""

from pathlib import Path

from graphene_django.management.commands.graphql_schema import Command as SchemaCommand

from delivery.possible_types import FILE_NAME, possible_types_json


class Command(SchemaCommand):
    help = "Write schema.graphql (or --out) and, beside an SDL file, possibleTypes.json."

    def save_graphql_file(self, out, schema):
        super().save_graphql_file(out, schema)
        target = Path(out).with_name(FILE_NAME)
        target.write_text(possible_types_json(schema.graphql_schema), encoding="utf-8")
        self.stdout.write(f"Wrote Apollo possibleTypes to {target}")
