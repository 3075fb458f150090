"""`python -m pipelines.read.worker MEDIA_TYPE`: read one document file from stdin (see guard.py)."""

from pipelines.read.guard import main

if __name__ == "__main__":
    main()
