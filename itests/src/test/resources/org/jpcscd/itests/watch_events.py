# Waits in SCardGetStatusChange (pyscard over Debian's libpcsclite) and prints every change it sees:
# "event <reader> present|empty" and "readers <names>" when the PnP pseudo reader reports a new list.
import sys
from smartcard.scard import *

PNP = '\\\\?PnP?\\Notification'


def check(hr, what):
    if hr != SCARD_S_SUCCESS:
        print('error %s 0x%08X' % (what, hr & 0xFFFFFFFF), flush=True)
        sys.exit(1)


hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
check(hr, 'establish')


def initial_states():
    hr, readers = SCardListReaders(ctx, [])
    check(hr, 'list')
    print('readers %s' % '|'.join(readers), flush=True)
    return [(r, SCARD_STATE_UNAWARE) for r in readers] + [(PNP, SCARD_STATE_UNAWARE)]


def describe(states):
    for reader, state, atr in states:
        if reader == PNP or not state & SCARD_STATE_CHANGED:
            continue
        kind = 'present' if state & SCARD_STATE_PRESENT else 'empty' if state & SCARD_STATE_EMPTY else 'other'
        print('event %s %s 0x%08X' % (reader, kind, state), flush=True)


hr, states = SCardGetStatusChange(ctx, 0, initial_states())
check(hr, 'first status')
describe(states)
print('ready', flush=True)
while True:
    current = [(r, s & ~SCARD_STATE_CHANGED) for r, s, a in states]
    hr, states = SCardGetStatusChange(ctx, 60000, current)
    if hr == SCARD_E_TIMEOUT:
        continue
    check(hr, 'status change')
    if any(r == PNP and s & SCARD_STATE_CHANGED for r, s, a in states):
        hr, states = SCardGetStatusChange(ctx, 0, initial_states())
        check(hr, 'status after pnp')
    describe(states)
