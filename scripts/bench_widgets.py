#!/usr/bin/env python3
"""Frame times of the explorables on a phone-class CPU: a benchmark, not a test.

    python scripts/bench_widgets.py [--site DIR] [--build] [--rate 4] [--seconds 4] [--repeat 3]
                                    [--busy N] [--langs en zh zh-Hant] [--widgets softmax geometry ...]

Serves a built site (``--site``, default ``site/``; built there first with
``mkdocs build --strict`` when it has no index.html, or always with ``--build``), opens each
widget page in headless Chromium at phone size (375 px wide, 2× pixels), slows the CPU with
``Emulation.setCPUThrottlingRate`` (4×, Lighthouse's mobile setting), and drives each widget
continuously the way a reader does: sliders dragged back and forth, the geometry query point
and a normal vector's tip dragged along a path, the digit grid drawn and erased, training
run. Input arrives every 8 ms (a 120 Hz touch screen); Chromium coalesces it per frame.
Each interaction runs ``--repeat`` times and the statistics are taken over all its frames
together, so that one stall of a shared machine does not decide a row.

Two baselines per page: idle, and the pointer moved round the widget with no button pressed
(the same input stream as a drag, which the widget ignores). When a drag drops frames and the
second baseline does not, the cost is the redraw, not the machine's input pipeline.

Frame times are the intervals between requestAnimationFrame callbacks while the interaction
runs. The table gives, per interaction, the median and 95th percentile frame time, the share
of frames longer than one 60 Hz frame (16.7 ms, with 1 ms of timer jitter allowed), and the
main thread's work per frame from the DevTools Performance metrics (scripts, and style
recalculation plus layout). 60 fps holds when p95 ≤ 16.7 ms.

``--busy N`` keeps N other processes spinning on the CPU while it runs: the same benchmark on
a machine that is busy with something else (with N = 1 on two cores, half the machine is
taken), so that a result does not depend on catching the machine quiet.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/lastlayer"
PAGES = {"softmax": "why-softmax", "worked": "computation", "digits": "templates", "geometry": "geometry"}
FRAME_MS = 1000 / 60
JITTER_MS = 1.0
INPUT_EVERY_S = 0.008
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

RECORDER = """
window.__bench = {
  frames: [],
  on: false,
  start() {
    const self = this;
    let last = null;
    self.frames = [];
    self.on = true;
    requestAnimationFrame(function tick(t) {
      if (!self.on) return;
      if (last !== null) self.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    });
  },
  stop() {
    this.on = false;
    return this.frames;
  },
};
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(site: Path) -> None:
    env = {**os.environ, "LASTLAYER_SKIP_OFFLINE": "1", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    print("building:", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def serve(site: Path) -> tuple[str, Callable[[], None]]:
    www = Path(tempfile.mkdtemp(prefix="bench-widgets-"))
    (www / PREFIX.strip("/")).symlink_to(site.resolve(), target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop() -> None:
        server.shutdown()
        shutil.rmtree(www, ignore_errors=True)

    return f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", stop


# ---------------------------------------------------------------- driving the widgets


def ticks(seconds: float) -> Iterator[float]:
    """Elapsed time, every INPUT_EVERY_S, for `seconds` (input waits for Chromium's acknowledgement)."""
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        yield elapsed
        time.sleep(max(0.0, INPUT_EVERY_S - (time.perf_counter() - start - elapsed)))


def triangle(t: float, period: float) -> float:
    """0 → 1 → 0 over one period."""
    phase = (t / period) % 1
    return 2 * phase if phase < 0.5 else 2 - 2 * phase


def centre(page: Page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def in_view(page: Page, selector: str) -> None:
    page.locator(selector).first.evaluate("n => n.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(100)


def drag_slider(selector: str, period: float = 1.6) -> Callable[[Page, float], None]:
    """Press a range input's thumb and sweep it from end to end and back, over and over."""

    def prepare(page: Page) -> Callable[[float], None]:
        in_view(page, selector)
        slider = page.locator(selector).first
        box = slider.bounding_box()
        lo, hi, value = (float(slider.evaluate(f"n => n.{a}")) for a in ("min", "max", "value"))
        inset = 8  # the thumb's half-width: the track's ends are not under the pointer's ends
        left, width, y = box["x"] + inset, box["width"] - 2 * inset, box["y"] + box["height"] / 2
        page.mouse.move(left + width * (value - lo) / (hi - lo), y)

        def drive(seconds: float) -> None:
            page.mouse.down()
            for t in ticks(seconds):
                page.mouse.move(left + width * triangle(t, period), y)
            page.mouse.up()

        return drive

    return prepare


def drag_handle(selector: str, radius: float, period: float = 2.0) -> Callable[[Page, float], None]:
    """Press a geometry handle and drag it round a circle of `radius` (fraction of the plot)."""

    def prepare(page: Page) -> Callable[[float], None]:
        in_view(page, "#widget-geometry .ll-geometry__plot")
        box = page.locator("#widget-geometry .ll-geometry__plot").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        r = radius * box["width"]
        page.mouse.move(*centre(page, selector))

        def drive(seconds: float) -> None:
            page.mouse.down()
            for t in ticks(seconds):
                angle = 2 * math.pi * t / period
                page.mouse.move(cx + r * math.cos(angle), cy + r * math.sin(angle))
            page.mouse.up()

        return drive

    return prepare


def draw_digits(page: Page) -> Callable[[float], None]:
    """Draw a zigzag over the 8×8 grid with the pen, then over it again with the eraser, and so on."""
    grid = "#widget-digits .ll-digits__grid"
    in_view(page, grid)
    box = page.locator(grid).bounding_box()
    stroke = 1.2  # seconds per zigzag over the whole grid
    tool_xy = [centre(page, "#widget-digits .ll-digits__pen"), centre(page, "#widget-digits .ll-digits__eraser")]

    def drive(seconds: float) -> None:
        passes = 0
        start = time.perf_counter()
        while (left := seconds - (time.perf_counter() - start)) > 0:
            page.mouse.click(*tool_xy[passes % 2])
            page.mouse.move(box["x"] + 2, box["y"] + 2)
            page.mouse.down()
            for t in ticks(min(stroke, left)):
                u = t / stroke
                x = triangle(u * 8, 2)  # one row left to right, the next right to left
                page.mouse.move(box["x"] + (0.03 + 0.94 * x) * box["width"], box["y"] + min(0.99, u) * box["height"])
            page.mouse.up()
            passes += 1

    return drive


def run_training(page: Page) -> Callable[[float], None]:
    """Scramble the weights, press Run and let the animation play (it stops itself after maxsteps)."""
    w = "#widget-geometry"
    in_view(page, w + " .ll-geometry__run")
    page.locator(w + " .ll-geometry__scramble").click()
    run = page.locator(w + " .ll-geometry__run")

    def drive(seconds: float) -> None:
        run.click()
        page.wait_for_timeout(int(1000 * seconds))
        if run.get_attribute("aria-pressed") == "true":
            run.click()

    return drive


def hover(selector: str, period: float = 2.0) -> Callable[[Page], Callable[[float], None]]:
    """The pointer moved round a circle over the widget with no button pressed, the same input
    stream as a drag that the widget ignores: the frame times the machine and the input
    pipeline give (the noise floor under input)."""

    def prepare(page: Page) -> Callable[[float], None]:
        in_view(page, selector)
        x, y = centre(page, selector)

        def drive(seconds: float) -> None:
            for t in ticks(seconds):
                angle = 2 * math.pi * t / period
                page.mouse.move(x + 60 * math.cos(angle), y + 60 * math.sin(angle))

        return drive

    return prepare


def idle(selector: str) -> Callable[[Page], Callable[[float], None]]:
    """No input at all: the frame times the machine gives an idle page (the noise floor)."""

    def prepare(page: Page) -> Callable[[float], None]:
        in_view(page, selector)
        return lambda seconds: page.wait_for_timeout(int(1000 * seconds))

    return prepare


SCENARIOS: dict[str, list[tuple[str, Callable[[Page], Callable[[float], None]]]]] = {
    "softmax": [
        ("idle (baseline)", idle("#widget-softmax")),
        ("pointer, no press", hover("#widget-softmax")),
        ("drag score z₁", drag_slider("#widget-softmax .ll-widget__score input")),
        ("drag temperature", drag_slider("#widget-softmax .ll-widget__temperature input")),
    ],
    "worked": [
        ("idle (baseline)", idle("#widget-worked")),
        ("pointer, no press", hover("#widget-worked")),
        ("drag pixel x₁", drag_slider("#widget-worked .ll-widget__pixel input")),
        ("drag temperature", drag_slider("#widget-worked .ll-widget__temperature input")),
    ],
    "digits": [
        ("idle (baseline)", idle("#widget-digits")),
        ("pointer, no press", hover("#widget-digits")),
        ("draw and erase", draw_digits),
    ],
    "geometry": [
        ("idle (baseline)", idle("#widget-geometry .ll-geometry__plot")),
        ("pointer, no press", hover("#widget-geometry .ll-geometry__plot")),
        ("drag query point", drag_handle("#widget-geometry .ll-query-handle", 0.3)),
        ("drag tip of w₁", drag_handle("#widget-geometry .ll-tip-0", 0.25)),
        ("drag bias b₁", drag_slider("#widget-geometry .ll-geometry__bias input")),
        ("run training", run_training),
    ],
}


# ---------------------------------------------------------------- measuring


def metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def measure(
    page: Page, cdp, prepare: Callable[[Page], Callable[[float], None]], seconds: float, repeat: int = 1
) -> dict:
    """Frame statistics over `repeat` runs of `seconds` each, their frames pooled."""
    frames: list[float] = []
    work = {"ScriptDuration": 0.0, "RecalcStyleDuration": 0.0, "LayoutDuration": 0.0}
    for _ in range(repeat):
        drive = prepare(page)  # scrolling into view and finding the controls is not measured
        page.wait_for_timeout(300)
        before = metrics(cdp)
        page.evaluate("window.__bench.start()")
        drive(seconds)
        frames += page.evaluate("window.__bench.stop()")
        after = metrics(cdp)
        for key in work:
            work[key] += after[key] - before[key]
    n = max(1, len(frames))
    ordered = sorted(frames)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else float("nan")
    return {
        "frames": len(frames),
        "median": statistics.median(frames) if frames else float("nan"),
        "p95": p95,
        "over": sum(f > FRAME_MS + JITTER_MS for f in frames) / n,
        "script": 1000 * work["ScriptDuration"] / n,
        "layout": 1000 * (work["RecalcStyleDuration"] + work["LayoutDuration"]) / n,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site to serve (default: site/)")
    parser.add_argument("--build", action="store_true", help="build the site into --site first")
    parser.add_argument("--rate", type=float, default=4, help="CPU slowdown (Emulation.setCPUThrottlingRate)")
    parser.add_argument("--width", type=int, default=375, help="viewport width in CSS px")
    parser.add_argument("--seconds", type=float, default=4, help="length of each interaction")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each interaction, their frames pooled (default 3)"
    )
    parser.add_argument(
        "--busy", type=int, default=0, help="other processes kept spinning on the CPU meanwhile (default 0)"
    )
    parser.add_argument("--langs", nargs="+", default=["en"], choices=["en", "zh", "zh-Hant"])
    parser.add_argument("--widgets", nargs="+", default=list(SCENARIOS), choices=list(SCENARIOS))
    args = parser.parse_args()

    if args.build or not (args.site / "index.html").is_file():
        build(args.site)
    base, stop_server = serve(args.site)
    rows = []
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        with sync_playwright() as p:
            for lang in args.langs:
                for name in args.widgets:
                    # A fresh browser per page: what one page left behind cannot slow the next.
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    context = browser.new_context(
                        viewport={"width": args.width, "height": 812},
                        device_scale_factor=2,
                        reduced_motion="no-preference",
                    )
                    page = context.new_page()
                    errors: list[str] = []
                    page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                    page.goto(f"{base}{'/' if lang == 'en' else f'/{lang}/'}{PAGES[name]}/", wait_until="load")
                    page.locator(f"#widget-{name}[data-ready]").wait_for()
                    page.add_script_tag(content=RECORDER)
                    cdp = context.new_cdp_session(page)
                    cdp.send("Performance.enable")
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.rate})
                    for label, drive in SCENARIOS[name]:
                        result = measure(page, cdp, drive, args.seconds, args.repeat)
                        rows.append((lang, name, label, result))
                        print(
                            f"{lang} {name:9} {label:18} {result['frames']:4d} frames"
                            f"  median {result['median']:5.1f} ms"
                            f"  p95 {result['p95']:5.1f} ms  >16.7 ms {100 * result['over']:5.1f}%"
                            f"  script {result['script']:4.1f} ms  style+layout {result['layout']:4.1f} ms",
                            flush=True,
                        )
                    if errors:
                        print(f"  page errors: {errors}", flush=True)
                    context.close()
                    browser.close()
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
        stop_server()

    print()
    print(
        f"CPU throttled {args.rate:g}×, {args.width} px viewport, {args.repeat} × {args.seconds:g} s per interaction, "
        f"input every {1000 * INPUT_EVERY_S:g} ms; frame = interval between requestAnimationFrame callbacks"
        + (f"; {args.busy} other process(es) spinning on the CPU" if args.busy else "")
    )
    print()
    print(
        "| widget | interaction | frames | median (ms) | p95 (ms) | > 16.7 ms "
        "| script / frame (ms) | style+layout / frame (ms) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for lang, name, label, r in rows:
        widget = name if len(args.langs) == 1 else f"{name} ({lang})"
        print(
            f"| {widget} | {label} | {r['frames']} | {r['median']:.1f} | {r['p95']:.1f} | {100 * r['over']:.1f}% "
            f"| {r['script']:.1f} | {r['layout']:.1f} |"
        )
    missed = [f"{lang} {name}: {label}" for lang, name, label, r in rows if r["p95"] > FRAME_MS + JITTER_MS]
    if missed:
        print("\nBelow 60 fps (p95 > 16.7 ms): " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
