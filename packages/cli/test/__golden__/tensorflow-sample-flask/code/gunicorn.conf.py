"""gunicorn settings for the Flask app. code/serve passes the socket, worker count and timeout."""

import os

worker_class = "sync"
# Each worker imports app.py and loads the model itself rather than the master loading it once
# and forking (preload_app): forking after numpy's BLAS or OpenMP threads exist can deadlock the
# children, copy-on-write saves little because Python's reference counts touch every page, and
# the sizer already counts the model's memory once per worker.
preload_app = False
# Leave time for in-flight requests on SIGTERM, within SageMaker's 30 s before SIGKILL.
graceful_timeout = 20
# Heartbeat files in the runtime directory, so a read-only root file system is fine.
worker_tmp_dir = os.environ.get("MCC_RUNTIME_DIR") or None
accesslog = None  # nginx logs every request already
errorlog = "-"
loglevel = "info"
