"""The Qt binding itself must hold up for weeks of signals: a desk never restarts."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp):
    """PySide6 6.12.0 under Python 3.11 dropped a reference to True on each emit, which
    crashes the interpreter after a few thousand; pyproject.toml excludes that release."""
    emitter = _Emitter()
    received = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(2000):
        emitter.fired.emit(number)
    assert len(received) == 2000
    assert abs(sys.getrefcount(True) - before) < 50
