# Holds the reader until killed: "exclusive" connects exclusively, "transaction" connects shared and
# begins a transaction. Prints the card handle, then "held".
import sys
import time
from smartcard.scard import *

reader, mode = sys.argv[1], sys.argv[2]
hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
share = SCARD_SHARE_EXCLUSIVE if mode == 'exclusive' else SCARD_SHARE_SHARED
hr, card, protocol = SCardConnect(ctx, reader, share, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
print('connect 0x%08X' % (hr & 0xFFFFFFFF), flush=True)
if mode == 'transaction':
    hr = SCardBeginTransaction(card)
    print('begin 0x%08X' % (hr & 0xFFFFFFFF), flush=True)
print('hcard %d' % card, flush=True)
print('held', flush=True)
while True:
    time.sleep(60)
