"""Runs the panhuo engine as a child process and turns what it prints into QGIS feedback.

The engine prints on stderr, per phase, a line naming the phase ("reading X", "scanning",
"writing X", "evaluating 2 scenarios") and a GDAL-style bar ("0...10...20...100 - done."), and
one line per warning, note or error ("panhuo scan: warning: ..."). stdout carries the summary.
This module reads both without blocking, maps each bar onto the span of the whole run given for
that command, and stops the engine when the user cancels: SIGTERM first (the engine then stops
at its next step and removes its partial file), SIGKILL if it has not ended within
KILL_AFTER_S, so that Cancel ends the run within a second whatever the engine is doing.

Nothing here needs QGIS: `feedback` is any object with setProgress, setProgressText, pushInfo,
pushWarning, reportError, pushConsoleInfo and isCanceled (QgsProcessingFeedback has them all).
"""
import os
import re
import shutil
import signal
import subprocess
import threading
import time

KILL_AFTER_S = 0.6  # SIGTERM, then SIGKILL after this long: the run ends within a second
POLL_S = 0.05

# The share of the run each bar stands for, in the order the command draws them, and where a
# phase line that has no bar of its own moves the progress to.
PHASES = {
    "scan": {"bars": [(0, 40), (40, 80), (80, 99)]},
    "timeline": {"bars": [(0, 30), (30, 99)]},
    "compare": {"bars": [(0, 60)]},
    "scenario": {"bars": [(0, 35), (35, 70)], "lines": {"evaluating": 75, "writing": 90}},
}

_BAR = re.compile(r"^[0-9.]+$")
_LAST_TICK = re.compile(r"(\d+)(\.*)$")


class ProgressParser:
    """Feeds the engine's stderr, character chunk by chunk, into progress and messages."""

    def __init__(self, command, feedback, replacements=None, phase_text=None):
        self.replacements = replacements or {}
        self.phase_text = phase_text or (lambda text: text)
        self.spec = PHASES.get(command, {"bars": [(0, 99)]})
        self.feedback = feedback
        self.line = ""
        self.bar = -1  # index of the bar being drawn
        self.in_bar = False
        self.errors = []  # the engine's error lines, as printed
        self.progress = 0.0

    def _set(self, value):
        if value > self.progress:
            self.progress = value
            self.feedback.setProgress(value)

    def _bar_fraction(self, text):
        m = _LAST_TICK.search(text)
        if not m:
            return 0.0
        return min(1.0, int(m.group(1)) / 100.0 + len(m.group(2)) * 0.025)

    def _bar_progress(self, fraction):
        bars = self.spec["bars"]
        if 0 <= self.bar < len(bars):
            lo, hi = bars[self.bar]
            self._set(lo + (hi - lo) * fraction)

    def feed(self, chunk):
        for ch in chunk:
            if ch in "\r\n":
                self._end_line(self.line)
                self.line = ""
                continue
            self.line += ch
            if _BAR.match(self.line):
                if not self.in_bar:
                    self.in_bar = True
                    self.bar += 1
                self._bar_progress(self._bar_fraction(self.line))

    def finish(self):
        if self.line:
            self._end_line(self.line)
            self.line = ""

    def _end_line(self, text):
        was_bar = self.in_bar
        self.in_bar = False
        text = _replace(text.strip(), self.replacements)
        if not text:
            return
        if was_bar and (text.endswith("- done.") or _BAR.match(text)):
            if text.endswith("- done."):
                self._bar_progress(1.0)
            return
        if was_bar and text.endswith("interrupted"):
            return
        m = re.match(r"^panhuo( [a-z]+)?: (error|warning|note): (.*)$", text)
        if m:
            kind, message = m.group(2), m.group(3)
            if kind == "error":
                self.errors.append(message)
                self.feedback.reportError(message, False)
            elif kind == "warning":
                self.feedback.pushWarning(message)
            else:
                self.feedback.pushInfo(message)
            return
        shown = self.phase_text(text)
        self.feedback.setProgressText(shown)
        self.feedback.pushInfo(shown)
        for key, value in self.spec.get("lines", {}).items():
            if key and text.startswith(key):
                self._set(value)


def _replace(text, replacements):
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


class Outcome:
    def __init__(self, code, canceled, errors, stdout):
        self.code = code  # the exit status; negative: ended by that signal
        self.canceled = canceled
        self.errors = errors
        self.stdout = stdout


def find_engine(configured):
    """The engine's path: the configured one, else `panhuo` on PATH; None when there is none."""
    name = (configured or "").strip() or "panhuo"
    if os.sep in name or (os.altsep and os.altsep in name):
        return name if os.path.isfile(name) and os.access(name, os.X_OK) else None
    return shutil.which(name)


def _pump(stream, sink, lock):
    # read1 returns what is there without waiting for a full buffer: the bar shows as it grows
    while True:
        data = stream.read1(4096) if hasattr(stream, "read1") else stream.read(1)
        if not data:
            break
        with lock:
            sink.append(data)


def run(argv, command, feedback, env=None, replacements=None, phase_text=None):
    """Runs argv; returns an Outcome once the process has ended (also when cancelled).
    replacements: texts replaced in what is shown (the outputs' temporary names by the final);
    phase_text: turns a phase line ("reading X") into what the user reads."""
    parser = ProgressParser(command, feedback, replacements, phase_text)
    kwargs = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True  # a Ctrl+C in a terminal running QGIS is QGIS's only
    else:
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, **kwargs)
    lock = threading.Lock()
    err_chunks, out_chunks = [], []
    threads = [threading.Thread(target=_pump, args=(proc.stderr, err_chunks, lock), daemon=True),
               threading.Thread(target=_pump, args=(proc.stdout, out_chunks, lock), daemon=True)]
    for t in threads:
        t.start()
    decoder_err = _Decoder()
    canceled = False
    term_sent = None
    while True:
        ended = proc.poll() is not None
        with lock:
            chunks, err_chunks[:] = list(err_chunks), []
        for c in chunks:
            parser.feed(decoder_err.decode(c))
        if ended:
            break
        if feedback.isCanceled() and not canceled:
            canceled = True
            term_sent = time.monotonic()
            _signal(proc, signal.SIGTERM if os.name == "posix" else None)
        if canceled and time.monotonic() - term_sent > KILL_AFTER_S:
            _signal(proc, getattr(signal, "SIGKILL", None))
        time.sleep(POLL_S if not canceled else 0.02)
    for t in threads:
        t.join(timeout=2)
    with lock:
        chunks = list(err_chunks)
    for c in chunks:
        parser.feed(decoder_err.decode(c))
    parser.feed(decoder_err.decode(b"", final=True))
    parser.finish()
    for stream in (proc.stdout, proc.stderr):
        stream.close()
    stdout = _replace(_Decoder().decode(b"".join(out_chunks), final=True), replacements or {})
    return Outcome(proc.returncode, canceled, parser.errors, stdout)


def _signal(proc, sig):
    """SIGTERM to the engine; SIGKILL to its whole process group (started as a group of its
    own), so that nothing it started keeps running or keeps its output pipes open."""
    try:
        if sig is None:
            proc.kill()
        elif os.name == "posix" and sig == getattr(signal, "SIGKILL", None):
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
    except OSError:
        pass


class _Decoder:
    """UTF-8 across chunk boundaries; bytes that are not UTF-8 (a GBK path) read as GB18030."""

    def __init__(self):
        import codecs
        self.dec = codecs.getincrementaldecoder("utf-8")("strict")
        self.fallback = False

    def decode(self, data, final=False):
        if self.fallback:
            return data.decode("gb18030", "replace")
        try:
            return self.dec.decode(data, final)
        except UnicodeDecodeError:
            self.fallback = True
            return data.decode("gb18030", "replace")
