# Waits in SCardGetStatusChange on the PnP pseudo reader and prints the reader list each time it wakes:
# "readers <name>|<name>" first, then "woke readers <names>" after every change of the list.
import sys
from smartcard.scard import *

PNP = '\\\\?PnP?\\Notification'
hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
assert hr == SCARD_S_SUCCESS, 'establish 0x%08X' % (hr & 0xFFFFFFFF)


def readers():
    hr, names = SCardListReaders(ctx, [])
    return names if hr == SCARD_S_SUCCESS else []


print('readers ' + '|'.join(readers()), flush=True)
hr, states = SCardGetStatusChange(ctx, 0, [(PNP, SCARD_STATE_UNAWARE)])
while True:
    current = [(r, s & ~SCARD_STATE_CHANGED) for r, s, a in states]
    print('waiting', flush=True)
    hr, states = SCardGetStatusChange(ctx, 60000, current)
    if hr == SCARD_E_TIMEOUT:
        continue
    assert hr == SCARD_S_SUCCESS, 'status change 0x%08X' % (hr & 0xFFFFFFFF)
    print('woke readers ' + '|'.join(readers()), flush=True)
