# A libpcsclite client (pyscard) that connects to a reader, begins a transaction and holds it until its
# standard input closes. Prints "held" when it holds the transaction.
import sys
from smartcard.scard import *

hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
assert hr == SCARD_S_SUCCESS, 'establish 0x%08X' % (hr & 0xFFFFFFFF)
hr, card, protocol = SCardConnect(ctx, sys.argv[1], SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
assert hr == SCARD_S_SUCCESS, 'connect 0x%08X' % (hr & 0xFFFFFFFF)
hr = SCardBeginTransaction(card)
assert hr == SCARD_S_SUCCESS, 'begin 0x%08X' % (hr & 0xFFFFFFFF)
print('held', flush=True)
sys.stdin.read()
