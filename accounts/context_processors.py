from .preferences import ReadingStyle


def reading_preferences(request):
    return {"reading_style": ReadingStyle.for_user(getattr(request, "user", None))}
