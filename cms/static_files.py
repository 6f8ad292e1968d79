"""Static files storage: hashed names and compressed copies (whitenoise), as before, but
source-map comments are left as they are.

Django rewrites ``sourceMappingURL`` comments to the maps' hashed names and fails
``collectstatic`` when a map is missing. The pinned npm builds GraphiQL is served from
(``delivery/graphiql``) reference maps that their packages do not ship (``graphiql.js`` →
``graphiql.js.map``). Maps only matter to a browser's developer tools, which ask for them
when opened; leaving the comment unresolved costs a 404 there and nothing to readers.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def without_source_maps(patterns):
    return tuple(
        (extension, tuple(rule for rule in rules if "sourceMappingURL" not in str(rule)))
        for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = without_source_maps(CompressedManifestStaticFilesStorage.patterns)
