"""How code/serve starts the Flask app: one gunicorn with N sync workers on one unix socket."""

from pathlib import Path


def plan(python: str, run_dir: Path, count: int, timeout: int) -> list:
    """(name, argv, socket) for each process to start; nginx proxies to the sockets."""
    socket = run_dir / "gunicorn.sock"
    argv = [
        python, "-m", "gunicorn",
        "--config", str(Path(__file__).with_name("gunicorn.conf.py")),
        "--bind", f"unix:{socket}",
        "--workers", str(count),
        "--timeout", str(timeout),
        "app:app",
    ]
    return [("gunicorn", argv, socket)]
