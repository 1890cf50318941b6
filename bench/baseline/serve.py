#!/usr/bin/env python3
"""Starts the baseline: gunicorn (gevent workers, one per CPU, bench/baseline/app.py) on a unix
socket and nginx in front of it on BASELINE_HOST:BASELINE_PORT, the way the SageMaker
scikit-learn container's toolkit starts its server. Stops both on SIGTERM or SIGINT, and stops
the other when one exits.

Environment: SM_MODEL_DIR and BASELINE_MODEL_FILE (the model), BASELINE_PORT, BASELINE_HOST
(default 127.0.0.1), BASELINE_WORKERS (default: one per CPU), BASELINE_TIMEOUT (seconds, 60).
"""

import grp
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STOP_SECONDS = 10


def nginx_user() -> str:
    # As root, nginx's workers would run as nobody and could not reach the temp dirs; keep ours.
    if os.geteuid() != 0:
        return ""
    return f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"


def write_nginx_conf(run_dir: Path, listen: str, socket: Path, timeout: int) -> Path:
    text = (HERE / "nginx.conf").read_text()
    values = {"user": nginx_user(), "run_dir": str(run_dir), "listen": listen, "socket": str(socket), "timeout": str(timeout)}
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path


def main() -> int:
    port = int(os.environ["BASELINE_PORT"])
    host = os.environ.get("BASELINE_HOST", "127.0.0.1")
    workers = int(os.environ.get("BASELINE_WORKERS") or len(os.sched_getaffinity(0)))
    timeout = int(os.environ.get("BASELINE_TIMEOUT") or 60)
    run_dir = Path(tempfile.mkdtemp(prefix="mcc-bench-baseline-"))
    stop = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stop.append(signum))
    signal.signal(signal.SIGINT, lambda signum, _frame: stop.append(signum))
    children = []
    try:
        socket = run_dir / "gunicorn.sock"
        gunicorn = [
            sys.executable, "-m", "gunicorn",
            "--worker-class", "gevent",
            "--workers", str(workers),
            "--worker-connections", "1000",
            "--timeout", str(timeout),
            "--bind", f"unix:{socket}",
            "--chdir", str(HERE),
            "--log-level", "warning",
            "app:app",
        ]
        children.append(subprocess.Popen(gunicorn, env=dict(os.environ, PYTHONUNBUFFERED="1")))
        while not socket.exists():
            if stop or children[0].poll() is not None:
                return 1
            time.sleep(0.05)
        conf = write_nginx_conf(run_dir, f"{host}:{port}", socket, timeout)
        children.append(subprocess.Popen(["nginx", "-e", "stderr", "-p", str(run_dir), "-c", str(conf)]))
        while not stop and all(child.poll() is None for child in children):
            time.sleep(0.2)
        return 0 if stop else 1
    finally:
        # nginx first (SIGQUIT: finish what it proxies), then gunicorn (SIGTERM: graceful).
        for child, signum in reversed(list(zip(children, (signal.SIGTERM, signal.SIGQUIT)))):
            if child.poll() is None:
                child.send_signal(signum)
        deadline = time.monotonic() + STOP_SECONDS
        for child in children:
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
