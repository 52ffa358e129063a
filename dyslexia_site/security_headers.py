"""Response headers Django has no setting for."""

from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """{"microphone": ["self"], "camera": []} -> 'microphone=(self), camera=()'."""
    parts = []
    for feature, allowed in policy.items():
        origins = " ".join(origin if origin in ("self", "*") else f'"{origin}"' for origin in allowed)
        parts.append(f"{feature}=({origins})")
    return ", ".join(parts)


class PermissionsPolicyMiddleware:
    """Permissions-Policy from settings.PERMISSIONS_POLICY: the microphone for this
    site's own pages, and no camera, location, payment and the like for anyone."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
