"""An upload handler that stops reading a file at DUBAN_UPLOAD_MAX_BYTES, so an oversized
upload is never written to disk whole; the view then says the file is too big."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.exceeded = False
        self.refused_name: str | None = None  # the name of the file it stopped

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.max_bytes:
            self.exceeded = True
            self.refused_name = self.file_name
            raise SkipFile  # the parser drops the rest of this file without storing it
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file
