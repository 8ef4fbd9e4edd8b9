# A second client: "connect" tries once to connect shared; "connect-until" retries until it succeeds;
# "begin" connects, waits for a line on stdin, then blocks in SCardBeginTransaction (the library
# polls the daemon);
# "foreign N" transmits on card handle N, which another process made.
import sys
import time
from smartcard.scard import *

SELECT = [0x00, 0xA4, 0x04, 0x00, 0x08, 0xF0, 0x4A, 0x50, 0x43, 0x53, 0x43, 0x44, 0x01]
reader, action = sys.argv[1], sys.argv[2]
hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)


def connect():
    return SCardConnect(ctx, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)


def code(hr):
    return '0x%08X' % (hr & 0xFFFFFFFF)


if action == 'connect':
    hr, card, protocol = connect()
    print('connect %s' % code(hr), flush=True)
elif action == 'connect-until':
    while True:
        hr, card, protocol = connect()
        if hr == SCARD_S_SUCCESS:
            print('connect %s' % code(hr), flush=True)
            break
        time.sleep(0.02)
elif action == 'begin':
    hr, card, protocol = connect()
    print('connect %s' % code(hr), flush=True)
    sys.stdin.readline()
    print('beginning', flush=True)
    hr = SCardBeginTransaction(card)
    if hr == SCARD_W_RESET_CARD:
        print('begin %s' % code(hr), flush=True)
        hr, protocol = SCardReconnect(card, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD)
        hr = SCardBeginTransaction(card)
    print('begun %s' % code(hr), flush=True)
    hr, response = SCardTransmit(card, SCARD_PCI_T1, SELECT)
    print('select %s %s' % (code(hr), ''.join('%02x' % b for b in response)), flush=True)
    SCardEndTransaction(card, SCARD_LEAVE_CARD)
elif action == 'foreign':
    hr, response = SCardTransmit(int(sys.argv[3]), SCARD_PCI_T1, SELECT)
    print('transmit %s' % code(hr), flush=True)
