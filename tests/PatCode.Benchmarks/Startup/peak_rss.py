"""Runs a command and writes its peak resident set (ru_maxrss from wait4, in KiB) to the file named first.

Usage: python3 peak_rss.py OUT_FILE COMMAND [ARGS...]
The command inherits stdin, stdout, stderr and the environment; the exit code is passed on.
"""
import os
import sys

out, command = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(out, "w", encoding="ascii") as f:
    f.write(f"{usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status))
