# Connects to a reader and prints "connected"; on each line of standard input sends one APDU with the
# same handle and prints "transmit 0x<result>".
import sys
from smartcard.scard import *

hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
assert hr == SCARD_S_SUCCESS, 'establish 0x%08X' % (hr & 0xFFFFFFFF)
hr, card, protocol = SCardConnect(ctx, sys.argv[1], SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
assert hr == SCARD_S_SUCCESS, 'connect 0x%08X' % (hr & 0xFFFFFFFF)
print('connected', flush=True)
for line in sys.stdin:
    hr, response = SCardTransmit(card, protocol, [0x00, 0xA4, 0x04, 0x00, 0x00])
    print('transmit 0x%08X' % (hr & 0xFFFFFFFF), flush=True)
