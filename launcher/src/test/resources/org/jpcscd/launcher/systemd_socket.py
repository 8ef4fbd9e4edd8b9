# Plays systemd's part for a socket unit with Accept=no (what jpcscd.socket is): bind and listen on
# the path, wait until a client connects (without accepting it), then fork and exec the service with
# the listening socket as fd 3 and LISTEN_FDS=1, LISTEN_PID=<its pid>, as sd_listen_fds(3) expects.
# When the service exits, keep the socket and start it again on the next connection, RUNS times.
# Usage: systemd_socket.py SOCKET RUNS COMMAND...
import os
import select
import socket
import sys

path, runs, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(path)
os.chmod(path, 0o666)
listener.listen(16)
print('listening', flush=True)
for run in range(runs):
    select.select([listener], [], [])
    print('starting', flush=True)
    pid = os.fork()
    if pid == 0:
        if listener.fileno() != 3:
            os.dup2(listener.fileno(), 3)
        os.set_inheritable(3, True)
        env = dict(os.environ, LISTEN_FDS='1', LISTEN_PID=str(os.getpid()))
        os.execve(command[0], command, env)
    _, status = os.waitpid(pid, 0)
    print('exited %d' % os.waitstatus_to_exitcode(status), flush=True)
print('done', flush=True)
