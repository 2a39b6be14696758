"""`make run`'s process supervisor: starts the web server, the Celery worker and
beat, and stops them together, within seconds and quietly.

Each command runs in a session of its own, so the terminal's Ctrl+C reaches
only this supervisor: it then sends SIGTERM to each process's main process and
waits. (Before, Ctrl+C and `kill 0` hit every process at once, the Celery
worker's pool processes included: the worker logged its killed children as
errors and could outlive `make run`.) A process that ends ends the others.

Usage: python orbitcms/supervise.py "command one" "command two" ...
"""

import os
import shlex
import signal
import subprocess
import sys
import time

# How long a process may take to stop after SIGTERM before it is killed.
GRACE_SECONDS = 15


def supervise(commands: list[str]) -> int:
    stop_requested = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stop_requested
        stop_requested = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    processes = [subprocess.Popen(shlex.split(c), start_new_session=True) for c in commands]
    exit_code = 0
    while not stop_requested:
        ended = [process for process in processes if process.poll() is not None]
        if ended:
            exit_code = ended[0].returncode
            break
        time.sleep(0.2)
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            print(f"{shlex.join(process.args)} did not stop; killed.", file=sys.stderr)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return exit_code


if __name__ == "__main__":
    sys.exit(supervise(sys.argv[1:]))
