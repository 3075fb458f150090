"""Child processes die with the process that started them.

A `kill -9` of `fazhi build` gives the build no chance to stop its children, so they must notice on
their own: Linux's parent-death signal (`prctl(PR_SET_PDEATHSIG)`) sends them SIGKILL the moment their
parent dies. It is set

- in each process-pool worker (`process.stage_mapper`'s initializer): its parent is the forkserver,
  which exits by itself when the build's end of its pipe closes;
- in dbt, through `python -m pipelines.lifeline --parent PID PROGRAM ARGS…`, which sets it and then
  execs PROGRAM (the signal setting survives exec). `pipelines/bin/dbt-with-lifeline` is that command for
  Dagster's dbt resource, which takes an executable, not a command line.

A child that starts after its parent already died (a race the signal cannot cover) exits at once.
Elsewhere than Linux nothing is set (no equivalent call).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int | None = None) -> None:
    """SIGKILL this process when its parent dies; exit now if `parent_pid` is given and gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if parent_pid is not None and not alive(parent_pid):
        os._exit(1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def command(program: str, *args: str) -> list[str]:
    """`program args…` run so that it dies with this process."""
    return [sys.executable, "-m", "pipelines.lifeline", "--parent", str(os.getpid()), program, *args]


def main(argv: list[str]) -> None:
    """`--parent PID PROGRAM ARGS…`: die with PID (our parent), then become PROGRAM."""
    if len(argv) < 3 or argv[0] != "--parent":
        sys.exit("usage: python -m pipelines.lifeline --parent PID PROGRAM [ARGS…]")
    parent = int(argv[1])
    die_with_parent(parent)
    if os.getppid() != parent:  # our parent died between starting us and the prctl
        os._exit(1)
    os.execvp(argv[2], argv[2:])


if __name__ == "__main__":
    main(sys.argv[1:])
