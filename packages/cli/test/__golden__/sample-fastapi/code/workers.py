"""How code/serve starts the FastAPI app: N single-process uvicorns, each on its own unix socket.

Not `uvicorn --workers N` (its process manager stalls on some setups) and not gunicorn's uvicorn
worker class (the `uvicorn.workers` module is deprecated since uvicorn 0.30). One uvicorn per
socket with nginx balancing across them behaves the same on old and new uvicorn releases.
"""

from pathlib import Path


def plan(python: str, run_dir: Path, count: int, timeout: int) -> list:
    """(name, argv, socket) for each process to start; nginx proxies to the sockets."""
    processes = []
    for number in range(1, count + 1):
        socket = run_dir / f"uvicorn-{number}.sock"
        argv = [
            python, "-m", "uvicorn", "app:app",
            "--uds", str(socket),
            "--no-access-log",  # nginx logs every request already
            # Longer than nginx keeps an idle upstream connection (30 s): see code/nginx.conf.
            "--timeout-keep-alive", "75",
        ]
        processes.append((f"uvicorn-{number}", argv, socket))
    return processes
