# One thread blocks in SCardGetStatusChange(INFINITE); once it is waiting, the main thread calls
# SCardCancel on the same context (libpcsclite opens its own handshake-less connection for that).
import threading
import time
from smartcard.scard import *

hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
hr, readers = SCardListReaders(ctx, [])
hr, states = SCardGetStatusChange(ctx, 0, [(readers[0], SCARD_STATE_UNAWARE)])
current = [(r, s & ~SCARD_STATE_CHANGED) for r, s, a in states]
result = {}


def wait():
    started = time.monotonic()
    hr, _ = SCardGetStatusChange(ctx, INFINITE, current)
    result['hr'] = hr
    result['seconds'] = time.monotonic() - started


waiter = threading.Thread(target=wait)
waiter.start()
# The library answers SCardCancel locally (success, nothing sent) until the other thread is blocked
# in its wait, and nothing tells this thread when that is: cancel until the wait ends, with a deadline.
deadline = time.monotonic() + 10
cancels = set()
while waiter.is_alive() and time.monotonic() < deadline:
    cancels.add(SCardCancel(ctx) & 0xFFFFFFFF)
    waiter.join(0.05)
print('cancel %s' % ' '.join('0x%08X' % c for c in sorted(cancels)), flush=True)
print('wait 0x%08X' % (result.get('hr', 0xFFFFFFFF) & 0xFFFFFFFF), flush=True)
print('release 0x%08X' % (SCardReleaseContext(ctx) & 0xFFFFFFFF), flush=True)
