"""The whole site, from its URL configuration: every route with a value for each part.

Tests that sweep every URL (GETs never write, access is scoped, POSTs need CSRF)
share these, so a new view is covered the day it lands.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def every_url_pattern(resolver=None, prefix=""):
    """(route, name, converters) for every URL, nested includes flattened."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_url_pattern(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def fill(route: str, values: dict) -> str:
    """The route with each <converter:name> replaced by a value from the world (or a stand-in)."""

    def value(match):
        name = match.group("name")
        if name in values:
            return str(values[name])
        if name == "object_id":
            return "1"
        return "x1"

    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)  # re_path() routes
    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, path)  # path() routes
    return "/" + path.replace("^", "").replace("$", "")
