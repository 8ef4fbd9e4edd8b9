# Connects to a reader and sends one APDU (hex), printing "response <hex>" or "error <step> <code>".
import sys
from smartcard.scard import *

reader, apdu = sys.argv[1], list(bytes.fromhex(sys.argv[2]))
hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
hr, card, protocol = SCardConnect(ctx, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
if hr != SCARD_S_SUCCESS:
    print('error connect 0x%08X' % (hr & 0xFFFFFFFF), flush=True)
    sys.exit(1)
hr, response = SCardTransmit(card, protocol, apdu)
if hr != SCARD_S_SUCCESS:
    print('error transmit 0x%08X' % (hr & 0xFFFFFFFF), flush=True)
    sys.exit(1)
print('response %s' % bytes(response).hex().upper(), flush=True)
SCardDisconnect(card, SCARD_LEAVE_CARD)
