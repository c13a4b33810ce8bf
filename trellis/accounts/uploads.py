"""Only a signed-in user's request may carry a file."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SignedInUploadHandler(FileUploadHandler):
    """Drops every file part of a request whose user is not signed in, before any byte of
    it is kept. First in ``FILE_UPLOAD_HANDLERS``; larger anonymous bodies never get here
    (``RequestBodyLimitMiddleware``)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            raise SkipFile("Sign in before uploading a file.")
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
