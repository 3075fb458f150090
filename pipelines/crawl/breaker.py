"""A per-host circuit breaker: a host that keeps timing out is not asked again in this run.

A server that accepts connections and then hangs costs a URL's whole deadline; multiplied by every
URL of a site, that is hours. After `limit` URLs of a host in a row ended in a timeout (their retries
spent; any answer from the host in between resets the count), the rest of that host's requests in
the run are refused without being sent, each with a fetch row saying why (`host_unresponsive`). One
slow page does not condemn its host: it counts once however often it was retried. The next run
starts closed again: hosts come back.
"""

from __future__ import annotations

import threading


class HostBreaker:
    """Consecutive timed-out URLs per host; `is_open(host)` once a host reached `limit` of them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._streak: dict[str, int] = {}
        self._lock = threading.Lock()

    def is_open(self, host: str) -> bool:
        with self._lock:
            return self.limit > 0 and self._streak.get(host, 0) >= self.limit

    def timed_out(self, host: str) -> None:
        with self._lock:
            self._streak[host] = self._streak.get(host, 0) + 1

    def answered(self, host: str) -> None:
        with self._lock:
            self._streak.pop(host, None)

    def reason(self, host: str) -> str:
        return f"{host}: {self.limit} URLs in a row timed out in this run, its remaining URLs are skipped"
