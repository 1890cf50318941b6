"""nginx on the SageMaker port in front of TensorRT-LLM, which serves no SageMaker routes itself.

nginx maps GET /ping onto the engine's /health and POST /invocations onto code/adapter.py,
which turns TGI-style {"inputs": ..., "parameters": {...}} requests into the engine's
/v1/completions (OpenAI chat and completions bodies pass through) and the answers back. The
engine and the adapter listen on loopback only. code/serve calls run() with its flag-building.
"""

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent
HEALTH_ROUTE = "/health"
TIMEOUT_SECONDS = 600
# SageMaker sends SIGKILL 30 s after SIGTERM; stop well within that.
STOP_SECONDS = 25


def log(message: str) -> None:
    print(f"serve: {message}", file=sys.stderr, flush=True)


def free_ports(count: int) -> list:
    """Distinct free loopback ports: all probes stay bound until every port is picked."""
    probes = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def nginx_user() -> str:
    # nginx started as root would serve as `nobody`; keep the current user. As anyone else nginx
    # cannot switch users and warns about the directive, so it is left out.
    if os.geteuid() != 0:
        return ""
    return f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"


def write_nginx_conf(run_dir: Path, host: str, port: int, engine_port: int, adapter_port: int) -> Path:
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    values = {
        "user": nginx_user(),
        "run_dir": str(run_dir),
        "listen": listen,
        "engine": f"127.0.0.1:{engine_port}",
        "adapter": f"127.0.0.1:{adapter_port}",
        "health_route": HEALTH_ROUTE,
        "timeout": str(TIMEOUT_SECONDS),
        "access_log": "/dev/stdout" if os.environ.get("MCC_ACCESS_LOG") == "1" else "off",
    }
    text = (CODE_DIR / "nginx.conf").read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path


class Children:
    """The engine, the adapter and nginx: started in order, stopped together."""

    def __init__(self) -> None:
        self.processes = []
        self.stop_signal = None

    def spawn(self, name: str, argv: list, env: dict) -> None:
        # Own session: a Ctrl-C reaches only this script, which stops the rest in order.
        process = subprocess.Popen(argv, env=env, start_new_session=True)
        log(f"started {name} (pid {process.pid})")
        self.processes.append((name, process))

    def request_stop(self, signum: int, _frame) -> None:
        self.stop_signal = self.stop_signal or signum

    def ended(self):
        for name, process in self.processes:
            code = process.poll()
            if code is not None:
                return name, code
        return None

    def watch(self) -> int:
        while self.stop_signal is None:
            ended = self.ended()
            if ended:
                name, code = ended
                log(f"{name} exited with code {code}; stopping the rest")
                return code if code > 0 else 1
            time.sleep(0.2)
        return 0

    def stop(self) -> None:
        deadline = time.monotonic() + STOP_SECONDS
        # nginx first (SIGQUIT: finish what it proxies), then the adapter and the engine.
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        for _name, process in self.processes:
            while process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
        for _name, process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()


def run(command: list, host: str, port: int, build_argv, engine_env=None) -> int:
    """Runs the three until one ends or a signal comes; `engine_env` is added for the engine only."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    run_dir = Path(tempfile.mkdtemp(prefix="mcc-serve-", dir=os.environ.get("MCC_RUN_DIR") or None))
    engine_port, adapter_port = free_ports(2)
    engine_port = int(os.environ.get("MCC_ENGINE_PORT") or engine_port)
    argv = build_argv(command, "127.0.0.1", engine_port, run_dir)
    conf = write_nginx_conf(run_dir, host, port, engine_port, adapter_port)
    children = Children()
    signal.signal(signal.SIGTERM, children.request_stop)
    signal.signal(signal.SIGINT, children.request_stop)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    adapter_env = dict(env, MCC_ADAPTER_PORT=str(adapter_port), MCC_ENGINE_URL=f"http://127.0.0.1:{engine_port}")
    try:
        log("starting " + " ".join(argv))
        children.spawn("engine", argv, dict(env, **(engine_env or {})))
        children.spawn("adapter", [sys.executable, str(CODE_DIR / "adapter.py")], adapter_env)
        # nginx starts once the adapter listens, so a 200 from /ping means /invocations works too.
        while not listening(adapter_port):
            if children.stop_signal is not None or children.ended():
                return children.watch()
            time.sleep(0.05)
        children.spawn("nginx", [nginx, "-e", "stderr", "-p", str(run_dir), "-c", str(conf)], env)
        log(f"listening on {host}:{port}; the engine on 127.0.0.1:{engine_port}")
        return children.watch()
    finally:
        children.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
