"""One Flask worker: the app (code/app.py) on one unix socket, served by gevent's WSGI server.

code/serve starts one of these per worker, each on its own socket, and nginx balances across them
by active connections. (One gunicorn with N workers on one socket measured worse: nginx reuses
kept-alive connections to whichever worker accepted them, busy or not, which tripled the p99; and
its master process cost 30 MB.) gevent lets one process hold many requests while it predicts,
so requests that arrive together share one prediction call (code/batching.py).

Usage: python3 gevent_server.py SOCKET. SIGTERM or SIGINT: stop accepting, let the requests in
progress finish (up to GRACE_SECONDS), exit 0.
"""

from gevent import monkey

monkey.patch_all()  # before anything else imports socket or threading

import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402

import gevent  # noqa: E402
from gevent.pywsgi import WSGIServer  # noqa: E402

# code/serve sends SIGTERM once nginx has drained, so little is left in progress by then.
GRACE_SECONDS = 4
BACKLOG = 1024


def listen(path: str) -> socket.socket:
    """The listening socket at `path`; it appears only once it accepts (code/serve waits for it)."""
    if os.path.exists(path):
        os.unlink(path)  # left by a worker that was killed
    staging = f"{path}.new"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(staging)
    listener.listen(BACKLOG)
    os.rename(staging, path)
    return listener


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: gevent_server.py SOCKET", file=sys.stderr)
        return 2
    from app import app  # loads the model before the socket exists

    server = WSGIServer(listen(sys.argv[1]), app, log=None, error_log=sys.stderr)

    def stop() -> None:
        gevent.spawn(server.stop, timeout=GRACE_SECONDS)

    gevent.signal_handler(signal.SIGTERM, stop)
    gevent.signal_handler(signal.SIGINT, stop)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
