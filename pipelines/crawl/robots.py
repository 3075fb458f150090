"""robots.txt rules and per-host pacing.

robots.txt is read once per host and run, following RFC 9309 for unavailable files: a 4xx answer
means no restrictions, a 5xx answer or a network failure means "crawl nothing on this host".
Crawl-delay is parsed here (urllib.robotparser only accepts integers) and raises the host's pacing.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser


@dataclass
class RobotsRules:
    parser: RobotFileParser | None  # None: see allow_all
    allow_all: bool = False
    crawl_delay: float | None = None
    note: str = ""

    def allows(self, agent: str, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(agent, url)

    @classmethod
    def unrestricted(cls, note: str) -> RobotsRules:
        return cls(None, allow_all=True, note=note)

    @classmethod
    def forbidden(cls, note: str) -> RobotsRules:
        return cls(None, allow_all=False, note=note)

    @classmethod
    def parse(cls, text: str, agent: str) -> RobotsRules:
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, crawl_delay=crawl_delay_for(text, agent), note="robots.txt")


def crawl_delay_for(text: str, agent: str) -> float | None:
    """The Crawl-delay of the group naming `agent`, else of the `*` group; decimals allowed."""
    groups: list[tuple[list[str], float | None]] = []
    agents: list[str] = []
    delay: float | None = None
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, delay))
                agents, delay, in_rules = [], None, False
            agents.append(value.lower())
        elif key == "crawl-delay":
            in_rules = True
            match = re.match(r"\d+(?:\.\d+)?", value)
            if match:
                delay = float(match.group(0))
        else:
            in_rules = True
    groups.append((agents, delay))
    agent = agent.lower()
    specific = [d for names, d in groups if any(n != "*" and n in agent for n in names)]
    if specific:
        return specific[0]
    wildcard = [d for names, d in groups if "*" in names]
    return wildcard[0] if wildcard else None


@dataclass
class HostThrottle:
    """One request at a time per host, and at least `interval` seconds between them (shared by sources)."""

    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def slot(self, host: str, interval: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last.get(host)
            if last is not None:
                remaining = interval - (self.clock() - last)
                if remaining > 0:
                    self.sleep(remaining)
            try:
                yield
            finally:
                self._last[host] = self.clock()
