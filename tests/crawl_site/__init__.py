"""A fake government website served on 127.0.0.1 for the crawler tests (see site.py and server.py)."""
