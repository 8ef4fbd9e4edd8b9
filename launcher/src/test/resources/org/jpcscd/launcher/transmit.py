# Connects to a reader, sends one APDU given in hex, prints "response <hex>".
import sys
from smartcard.scard import *

hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
assert hr == SCARD_S_SUCCESS, 'establish 0x%08X' % (hr & 0xFFFFFFFF)
hr, card, protocol = SCardConnect(ctx, sys.argv[1], SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
assert hr == SCARD_S_SUCCESS, 'connect 0x%08X' % (hr & 0xFFFFFFFF)
hr, response = SCardTransmit(card, protocol, list(bytes.fromhex(sys.argv[2])))
assert hr == SCARD_S_SUCCESS, 'transmit 0x%08X' % (hr & 0xFFFFFFFF)
print('response ' + bytes(response).hex().upper(), flush=True)
SCardDisconnect(card, SCARD_LEAVE_CARD)
SCardReleaseContext(ctx)
