"""Work that `mkdocs serve` does after the site is up, then rebuilds to show.

On a fresh clone the first `mkdocs serve` would draw every figure, train the models and
run every notebook before serving a page. Instead the hooks hand that work to this module
and the first build shows placeholders ("being drawn…"); when the last job finishes, a
stamp file that the server watches is touched, MkDocs rebuilds, and the browser reloads
with everything in place. `mkdocs build` never uses this: it does the work in order.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("mkdocs.lastlayer.background")


class Background:
    """The jobs of one `mkdocs serve` session, by name; each name runs once at a time."""

    def __init__(self, stamp: Path) -> None:
        self.stamp = stamp
        self._jobs: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()
        #: Jobs wait until the server is up (:meth:`begin`), so the first build has the cores.
        self._started = False
        self._done: set[str] = set()
        stamp.parent.mkdir(parents=True, exist_ok=True)
        if not stamp.exists():
            stamp.write_text("0\n")

    def submit(self, name: str, work: Callable[[], object]) -> bool:
        """Queue ``work`` under ``name``; False if a job of that name has run already in this
        session (the caller then does the work itself: a job that keeps failing must not
        rebuild the site over and over)."""
        with self._lock:
            if name in self._done:
                return False
            if name in self._jobs:
                return True
            thread = threading.Thread(target=self._run, args=(name, work), name=f"lastlayer-{name}", daemon=True)
            self._jobs[name] = thread
            started = self._started
        log.info("after the site is up: %s", name)
        if started:
            thread.start()
        return True

    def begin(self) -> None:
        """Start the jobs submitted so far (the server is up), and any later one at once."""
        with self._lock:
            self._started = True
            waiting = [t for t in self._jobs.values() if not t.is_alive() and t.ident is None]
        for thread in waiting:
            thread.start()

    def busy(self, name: str | None = None) -> bool:
        with self._lock:
            return bool(self._jobs) if name is None else name in self._jobs

    def _run(self, name: str, work: Callable[[], object]) -> None:
        try:
            work()
        except Exception:
            log.exception("background work %r failed", name)
        finally:
            with self._lock:
                del self._jobs[name]
                self._done.add(name)
                last = not self._jobs
            if last:
                # The server watches this file: touching it rebuilds the site with the results.
                self.stamp.write_text(f"{time.time()}\n")


#: The serve session's jobs (None under `mkdocs build`), set by hooks/project.py.
current: Background | None = None


def start(stamp: Path) -> Background:
    global current
    current = Background(stamp)
    return current


def stop() -> None:
    global current
    current = None
