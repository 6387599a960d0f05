"""Uploads stop at UPLOAD_MAX_BYTES while they stream in, before anything is kept in memory or on disk."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of the upload handlers: passes chunks on until a file grows past the limit, then stops reading.

    The rest of the request body is not read (the connection is closed), and the form sees no file;
    `upload_was_refused(request)` tells it why.
    """

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            self.request.upload_refused = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (in memory) keeps the file


def upload_was_refused(request) -> bool:
    return getattr(request, "upload_refused", False)
