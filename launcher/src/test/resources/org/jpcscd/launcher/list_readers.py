# A libpcsclite client (pyscard): establish, wait until a reader is listed, release. Prints each result.
import time
from smartcard.scard import *

hr, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
print('establish 0x%08X' % (hr & 0xFFFFFFFF), flush=True)
readers = []
deadline = time.time() + 60
while not readers and time.time() < deadline:
    hr, readers = SCardListReaders(ctx, [])
    if not readers:
        time.sleep(0.1)
print('readers %s' % readers, flush=True)
print('release 0x%08X' % (SCardReleaseContext(ctx) & 0xFFFFFFFF), flush=True)
