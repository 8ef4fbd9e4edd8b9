#!/usr/bin/env python3
# Cold start of packaged daemons, interleaved (a benchmark, not a test): for each run and each
# distribution in turn, exec bin/pcscd, time the first PC/SC context established over the socket by a
# client retrying every 2 ms, read the daemon's CPU time (user+sys) at that moment, its RSS 5 s later,
# then SIGTERM it. Interleaving spreads the machine's changing load evenly over the distributions.
# Usage: startup_bench.py RUNS DIST[=JAVA_OPTS] ...
#   JPCSCD_BENCH_KEEP_RUNTIME=1 reuses one run-time folder (and so the framework cache) per distribution.
import os
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

runs = int(sys.argv[1])
variants = [(arg.split('=', 1) + [''])[:2] for arg in sys.argv[2:]]
keep = os.environ.get('JPCSCD_BENCH_KEEP_RUNTIME') == '1'
tick = os.sysconf('SC_CLK_TCK')


def establish(path):
    """CMD_VERSION then ESTABLISH_CONTEXT, as libpcsclite sends them; the socket once a context exists."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        s.sendall(struct.pack('<5i', 12, 0x11, 4, 4, 0))
        s.recv(12, socket.MSG_WAITALL)
        s.sendall(struct.pack('<5i', 12, 0x01, 2, 0, 0))
        reply = s.recv(12, socket.MSG_WAITALL)
        if len(reply) == 12 and struct.unpack('<3i', reply)[2] == 0:
            return s
    except OSError:
        pass
    s.close()
    return None


def cpu_ms(pid):
    with open('/proc/%d/stat' % pid) as stat:
        fields = stat.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / tick


def rss_mb(pid):
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return -1


def one_run(dist, java_opts, work):
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
    started = (time.monotonic() - begin) * 1000
    cpu = cpu_ms(daemon.pid)
    client.close()
    time.sleep(5)  # let start-up work settle before sampling the idle footprint
    rss = rss_mb(daemon.pid)
    daemon.send_signal(signal.SIGTERM)
    daemon.wait()
    return started, cpu, rss


results = {i: [] for i in range(len(variants))}
works = {i: tempfile.mkdtemp(prefix='jpcscd-bench-') for i in range(len(variants))}
for run in range(runs):
    for i, (dist, java_opts) in enumerate(variants):
        work = works[i] if keep else tempfile.mkdtemp(prefix='jpcscd-bench-')
        started, cpu, rss = one_run(dist, java_opts, work)
        results[i].append((started, cpu, rss))
        print('run %d %s %s: first context %.0f ms, CPU %.0f ms, idle RSS %.0f MB'
              % (run + 1, dist, java_opts, started, cpu, rss), flush=True)
for i, (dist, java_opts) in enumerate(variants):
    r = results[i]
    print('median %s %s: first context %.0f ms, CPU %.0f ms, idle RSS %.0f MB'
          % (dist, java_opts, statistics.median(x[0] for x in r), statistics.median(x[1] for x in r),
             statistics.median(x[2] for x in r)))
