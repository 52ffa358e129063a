"""Static files with hashed names, including the names our ES modules import each other by."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# `… from "./x.js"` and `import "./x.js"`: relative imports only, so the pattern never meets a URL
# it can't resolve.
MODULE_IMPORTS = (
    (r"""(?P<matched>\bfrom\s*(?P<quote>["'])(?P<url>\.\.?/[^"']+)(?P=quote))""", 'from "%(url)s"'),
    (r"""(?P<matched>\bimport\s*(?P<quote>["'])(?P<url>\.\.?/[^"']+)(?P=quote))""", 'import "%(url)s"'),
)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """A page names a module's hashed file; that module must name hashed files too, or after a
    deploy a browser could run a new module with an old one it still has in its cache.

    Only our own scripts under js/: Django's switch for this (support_js_module_import_aggregation)
    reads every .js file, and fails on import-like text in third-party ones (django_htmx's extensions).
    """

    patterns = (*CompressedManifestStaticFilesStorage.patterns, ("js/*.js", MODULE_IMPORTS))
