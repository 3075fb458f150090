"""Read a document file in a child process under a time and a memory cap.

PDFium and the XML parsers are native code: a crafted or broken file can loop or allocate without
end, and a thread cannot be stopped. A child process can: it reads the file with RLIMIT_AS and
RLIMIT_CPU set, hands back JSON on stdout, and is killed at the wall-clock cap. Whatever happens is
a `ReadText` with the reason, and the build goes on. OCR runs inside the same child, so its pages
count against the same caps (FAZHI_READ_SECONDS, FAZHI_READ_MEMORY_MB).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import asdict

from pipelines.read.result import ReadText

SECONDS = float(os.environ.get("FAZHI_READ_SECONDS", "600"))
MEMORY_MB = int(os.environ.get("FAZHI_READ_MEMORY_MB", "2048"))


def _limits(memory_mb: int, seconds: float) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def read_in_child(
    body: bytes, media_type: str, *, seconds: float | None = None, memory_mb: int | None = None
) -> ReadText:
    seconds = SECONDS if seconds is None else seconds
    memory_mb = MEMORY_MB if memory_mb is None else memory_mb
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipelines.read.worker", media_type, str(memory_mb), str(seconds)],
            input=body,
            capture_output=True,
            timeout=seconds,
        )
    except subprocess.TimeoutExpired:
        return ReadText.failed(
            f"reading stopped: the file took more than {seconds:.0f} s (FAZHI_READ_SECONDS)"
        )
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["no message"]
        if done.returncode < 0 or _out_of_memory(tail[0]):
            return _starved(memory_mb, f"{_signal(done.returncode)}: {tail[0][:160]}")
        return ReadText.failed(f"the reader failed: {tail[0][:200]}")
    try:
        read = ReadText(**json.loads(done.stdout))
    except (ValueError, TypeError) as exc:
        return ReadText.failed(f"the reader's answer was unreadable: {exc}")
    if read.error and _out_of_memory(read.error):
        return _starved(memory_mb, read.error[:160])
    return read


# What a process under RLIMIT_AS says when an allocation or a library's mapping is refused.
_MEMORY_WORDS = (
    "memoryerror",
    "out of memory",
    "failed to map segment",
    "cannot allocate memory",
    "bad_alloc",
)


def _out_of_memory(message: str) -> bool:
    return any(w in message.lower() for w in _MEMORY_WORDS)


def _starved(memory_mb: int, detail: str) -> ReadText:
    return ReadText.failed(
        f"reading stopped: the reader ran out of memory under the cap of {memory_mb} MB "
        f"(FAZHI_READ_MEMORY_MB) ({detail})"
    )


def _signal(code: int) -> str:
    if code >= 0:
        return f"exit {code}"
    import signal

    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def main() -> None:
    """The child's side: its caps set first, then bytes on stdin, the ReadText as JSON on stdout."""
    media_type, memory_mb, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    _limits(memory_mb, seconds)
    from pipelines.read import read_document

    result = read_document(sys.stdin.buffer.read(), media_type)
    sys.stdout.write(json.dumps(asdict(result), ensure_ascii=False))
