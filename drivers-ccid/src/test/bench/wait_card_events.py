# Waits in SCardGetStatusChange (pyscard over Debian's libpcsclite) on one reader and, each time the
# card's presence changes, prints "insert|remove <time.monotonic_ns()>" taken right after the call
# returns. CLOCK_MONOTONIC, the clock of Java's System.nanoTime() on Linux, so the stamps compare
# with the emulator's. Used by ClientEventLatencyBenchmark.java.
import sys
import time
from smartcard.scard import *

reader = sys.argv[1]
hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
if hr != SCARD_S_SUCCESS:
    sys.exit('establish 0x%08X' % (hr & 0xFFFFFFFF))
hr, states = SCardGetStatusChange(ctx, 0, [(reader, SCARD_STATE_UNAWARE)])
present = bool(states[0][1] & SCARD_STATE_PRESENT)
print('ready', flush=True)
while True:
    current = [(r, s & ~SCARD_STATE_CHANGED) for r, s, a in states]
    hr, states = SCardGetStatusChange(ctx, 60000, current)
    returned = time.monotonic_ns()
    if hr == SCARD_E_TIMEOUT:
        continue
    if hr != SCARD_S_SUCCESS:
        sys.exit('status change 0x%08X' % (hr & 0xFFFFFFFF))
    now_present = bool(states[0][1] & SCARD_STATE_PRESENT)
    if now_present != present:
        present = now_present
        print('%s %d' % ('insert' if present else 'remove', returned), flush=True)
