#!/usr/bin/env python3
# Lifecycle figures of the packaged daemon (not a test): cold start (exec of bin/pcscd to the first
# PC/SC context established over the socket), stop (SIGTERM to process exit), idle RSS.
# Usage: lifecycle_bench.py DIST [RUNS] [JAVA_OPTS...]; prints one line per run and the medians.
import os
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

dist, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
java_opts = ' '.join(sys.argv[3:])


def establish(path):
    """CMD_VERSION then ESTABLISH_CONTEXT, as libpcsclite sends them; True once a context exists."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        s.sendall(struct.pack('<5i', 12, 0x11, 4, 4, 0))
        s.recv(12, socket.MSG_WAITALL)
        s.sendall(struct.pack('<5i', 12, 0x01, 2, 0, 0))
        reply = s.recv(12, socket.MSG_WAITALL)
        return s if len(reply) == 12 and struct.unpack('<3i', reply)[2] == 0 else None
    except OSError:
        s.close()
        return None


def rss_kb(pid):
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return -1


starts, stops, rsss = [], [], []
for run in range(runs):
    work = tempfile.mkdtemp(prefix='jpcscd-bench-')
    path = os.path.join(work, 'pcscd.comm')
    env = dict(os.environ, XDG_RUNTIME_DIR=work, JAVA_OPTS=java_opts)
    begin = time.monotonic()
    daemon = subprocess.Popen([os.path.join(dist, 'bin/pcscd'), '--foreground',
                               '--features', 'core,protocol,lifecycle,virtual,shell',
                               '--set', 'org.jpcscd.protocol:socket.path=' + path],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = None
    while client is None:
        client = establish(path)
        if client is None:
            time.sleep(0.002)
    started = time.monotonic() - begin
    client.close()
    time.sleep(5)  # let start-up work (JIT, reader thread) settle before sampling the idle footprint
    rss = rss_kb(daemon.pid)
    begin = time.monotonic()
    daemon.send_signal(signal.SIGTERM)
    daemon.wait()
    stopped = time.monotonic() - begin
    print('run %d: cold start %.0f ms, SIGTERM to exit %.0f ms, idle RSS %d MB'
          % (run + 1, started * 1000, stopped * 1000, rss // 1024), flush=True)
    starts.append(started * 1000)
    stops.append(stopped * 1000)
    rsss.append(rss / 1024)
print('median: cold start %.0f ms, SIGTERM to exit %.0f ms, idle RSS %.0f MB (JAVA_OPTS=%r)'
      % (statistics.median(starts), statistics.median(stops), statistics.median(rsss), java_opts))
