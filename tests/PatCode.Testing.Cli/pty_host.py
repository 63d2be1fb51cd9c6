#!/usr/bin/env python3
"""Runs a program on a pseudo-terminal so tests can drive it as a user at a real terminal would.

Usage: pty_host.py COLS ROWS -- PROGRAM [ARGS...]

Commands, one per line on standard input:
  send BASE64        write these bytes to the terminal (keys, pastes)
  modes              report the terminal's modes on stderr: "modes icanon=1 echo=1 isig=1"
  interrupt          send SIGINT to the program's process group, as the terminal does for Ctrl+C in line mode
  close              hang up (close the terminal)
Standard output carries exactly the bytes the program writes to the terminal, as they come.
Standard error gets "modes ..." replies and, when the program ends, "final modes ..." (the modes it left the
terminal in) and "exit CODE".
"""
import base64
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def controlling_terminal():
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             preexec_fn=controlling_terminal, close_fds=True)
    os.close(slave)
    out = sys.stdout.buffer
    err = sys.stderr
    pending = b""
    stdin_open = True
    while True:
        watched = [master] + ([sys.stdin.fileno()] if stdin_open else [])
        readable, _, _ = select.select(watched, [], [], 0.05)
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if data:
                out.write(data)
                out.flush()
            elif child.poll() is not None:
                break
        if stdin_open and sys.stdin.fileno() in readable:
            chunk = os.read(sys.stdin.fileno(), 65536)
            if not chunk:
                stdin_open = False
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                handle(line.decode().strip(), master, child, err)
        if child.poll() is not None and master not in readable:
            # Drain what is left, then report.
            try:
                while True:
                    ready, _, _ = select.select([master], [], [], 0.2)
                    if not ready:
                        break
                    data = os.read(master, 65536)
                    if not data:
                        break
                    out.write(data)
                    out.flush()
            except OSError:
                pass
            break
    code = child.wait()
    err.write("final " + modes(master) + "\n")
    err.write(f"exit {code}\n")
    err.flush()


def handle(line, master, child, err):
    if line.startswith("send "):
        os.write(master, base64.b64decode(line[5:]))
    elif line == "modes":
        err.write(modes(master) + "\n")
        err.flush()
    elif line == "interrupt":
        os.killpg(child.pid, signal.SIGINT)
    elif line == "close":
        os.close(master)


def modes(master):
    lflag = termios.tcgetattr(master)[3]
    return "modes icanon=%d echo=%d isig=%d" % (bool(lflag & termios.ICANON), bool(lflag & termios.ECHO), bool(lflag & termios.ISIG))


if __name__ == "__main__":
    main()
