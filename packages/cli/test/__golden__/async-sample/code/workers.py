"""How code/serve starts the Flask app: N single-process gevent WSGI servers, each on its own socket.

See code/gevent_server.py for why not one gunicorn with N workers.
"""

from pathlib import Path


def plan(python: str, run_dir: Path, count: int, timeout: int) -> list:
    """(name, argv, socket) for each process to start; nginx proxies to the sockets."""
    server = str(Path(__file__).with_name("gevent_server.py"))
    processes = []
    for number in range(1, count + 1):
        socket = run_dir / f"flask-{number}.sock"
        processes.append((f"flask-{number}", [python, server, str(socket)], socket))
    return processes
