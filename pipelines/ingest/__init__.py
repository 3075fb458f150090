"""Local ingestion: bundled sample pages and files dropped into the inbox become `Page` records."""

from pipelines.ingest.files import IngestError, guess_media_type, inbox_files, read_page_file, scan_folder

__all__ = ["IngestError", "guess_media_type", "inbox_files", "read_page_file", "scan_folder"]
