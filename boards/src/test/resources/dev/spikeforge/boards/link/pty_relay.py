# Test helper: opens a pseudo-terminal, prints the path of its device (the "serial port") on stderr,
# and relays bytes between the terminal's master side and this process's stdin/stdout, so that a
# Java test can play the board behind a real tty device.
import os
import pty
import select
import sys

master, slave = pty.openpty()
sys.stderr.write(os.ttyname(slave) + "\n")
sys.stderr.flush()
stdin = sys.stdin.fileno()
stdout = sys.stdout.fileno()
while True:
    ready, _, _ = select.select([master, stdin], [], [])
    if master in ready:
        data = os.read(master, 4096)
        if not data:
            break
        os.write(stdout, data)
    if stdin in ready:
        data = os.read(stdin, 4096)
        if not data:
            break
        os.write(master, data)
