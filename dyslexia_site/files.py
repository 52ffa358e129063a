"""Hand a stored file to the browser after the view has checked who is asking.

On the embedded site the file is streamed from disk. With private object storage the
browser is sent to a presigned URL that expires in MEDIA_URL_EXPIRES_SECONDS, so the
web process doesn't carry the bytes and the object stays private.
"""

from django.http import FileResponse, HttpResponseRedirect


def file_response(stored, *, content_type: str | None = None, private_seconds: int = 3600):
    storage = stored.storage
    if getattr(storage, "querystring_auth", False):
        response = HttpResponseRedirect(stored.url)
        response["Cache-Control"] = "private, no-store"  # the signed URL expires
        return response
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Cache-Control"] = f"private, max-age={private_seconds}"
    return response
