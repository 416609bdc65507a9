"""Warm kernels: Jupyter kernels forked from a server that has already imported what every
kernel imports (ipykernel, pandas, matplotlib, myst-nb's glue), so that a kernel's start is a
fork and not an interpreter start and those imports (about a second a kernel on this
project's notebooks). A notebook still starts from a fresh kernel: nothing it runs is shared.

tools/run_notebooks.py executes the notebooks in them (`--cold`: kernels started from
scratch), and book/conftest.py gives them to nbval (NBVAL_COLD_KERNELS=1: kernels started
from scratch). Both compare their results with fresh kernels' (tests/test_execution_keys.py,
test_warm_kernels_give_what_fresh_kernels_give; make determinism runs nbconvert).
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# Modules are imported as a kernel would import them: what they look at while importing is
# made to be what a kernel shows them (pandas asks get_ipython() whether it runs in a kernel,
# matplotlib reads MPLBACKEND, which ipykernel sets). Outputs are checked against fresh kernels
# (tests/test_reader_tools.py runs nbconvert; nbval and make determinism compare bytes).
SERVER = r"""
import builtins, json, os, signal, sys
if sys.path and sys.path[0] == "":
    del sys.path[0]  # as ipykernel_launcher does; IPython puts it back in each kernel
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
builtins.get_ipython = lambda: type("Kernel", (), {"kernel": True})
import ipykernel.kernelapp, ipykernel_launcher, pandas, myst_nb.ext.glue  # noqa
import matplotlib.pyplot, matplotlib.backends.backend_agg, matplotlib.backends.backend_pdf  # noqa
import matplotlib.backends.backend_svg, fontTools.subset, PIL.PngImagePlugin  # noqa
del os.environ["MPLBACKEND"], builtins.get_ipython
# a child's module path is that of a fresh interpreter given the request's PYTHONPATH (one
# server serves projects in several folders: a test's copies), not this server's
own = {os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p}
base = [p for p in sys.path if os.path.abspath(p) not in own]
kernels = set()
def reap(*_):  # kernels and calls are reaped as they exit (their CPU time counts as ours)
    try:
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if not pid:
                break
            kernels.discard(pid)
    except ChildProcessError:
        pass
signal.signal(signal.SIGCHLD, reap)
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(2, 1)  # this server's stdout is its pipe to the runner
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            sys.path[:] = [os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(
                os.pathsep) if p] + base
            if "call" in request:  # a function (a figure export), not a kernel
                import importlib
                try:
                    for module, name, args in request["call"]:
                        getattr(importlib.import_module(module), name)(*args)
                except BaseException as exc:
                    with open(request["error"], "w", encoding="utf-8") as out:
                        out.write((str(exc).strip().splitlines() or [type(exc).__name__])[0])
                    os._exit(1)
                os._exit(0)
            sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
            ipykernel.kernelapp.launch_new_instance(argv=request["argv"])
        finally:
            os._exit(0)
    kernels.add(pid)
    print(pid, flush=True)
for pid in list(kernels):  # those still running
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
"""


class Forked:
    """A kernel forked by the server, seen as the subprocess.Popen that jupyter_client expects."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid

    def poll(self) -> int | None:
        try:
            os.kill(self.pid, 0)
        except OSError:  # gone (the server reaps it)
            return 0
        return None

    def wait(self, timeout=None) -> int:
        while self.poll() is None:
            time.sleep(0.02)
        return 0

    def send_signal(self, signum: int) -> None:
        try:
            os.killpg(self.pid, signum)
        except OSError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def kernel_argv() -> list[str]:
    """This project's interpreter (the one running this code) with the python3 kernel spec's
    interpreter flags: not the spec's own path, since a spec installed from another checkout
    sharing this environment (make bench's clone) names an interpreter that may be gone."""
    from jupyter_client.kernelspec import KernelSpecManager

    argv = KernelSpecManager().get_kernel_spec("python3").argv
    if "-m" not in argv:
        raise ValueError(f"kernel spec python3: expected `python -m ipykernel_launcher ...`; "
                         f"found {argv} (start kernels cold)")
    return [sys.executable, *argv[1:argv.index("-m")]]


def start_server(root: Path, env: dict) -> subprocess.Popen:
    """The server that forks the kernels (it imports while the caller goes on)."""
    return subprocess.Popen([*kernel_argv(), "-c", SERVER], env=env, cwd=root,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def stop_server(server: subprocess.Popen) -> None:
    """End the server; the kernels it forked that still run are killed with it."""
    try:
        server.stdin.close()
    except OSError:
        pass
    server.wait()


def _fork(server: subprocess.Popen, request: dict) -> int:
    try:
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
    except OSError:
        line = ""
    if not line.strip().isdigit():
        raise RuntimeError("the warm-kernel server stopped (try cold kernels)")
    return int(line)


async def call(server: subprocess.Popen, calls: list[tuple[str, str, list]], error: Path,
               env: dict, cwd: Path) -> None:
    """Run `module.name(*args)` for each of `calls` in a process forked from the server (no
    interpreter start, no import of what it has imported), and wait for it to end; raise
    RuntimeError with its first line of error, which the process leaves in `error`."""
    import asyncio

    error = Path(error)
    error.unlink(missing_ok=True)
    pid = _fork(server, {"call": [list(c) for c in calls], "error": str(error), "env": env,
                         "cwd": str(cwd)})
    process = Forked(pid)
    while process.poll() is None:
        await asyncio.sleep(0.01)
    if error.is_file():
        message = error.read_text(encoding="utf-8")
        error.unlink()
        raise RuntimeError(message)


def manager(server: subprocess.Popen, base=None):
    """A jupyter_client kernel manager class (`base`: AsyncKernelManager by default; nbval
    uses the synchronous KernelManager) whose kernels `server` forks."""
    if base is None:
        from jupyter_client.manager import AsyncKernelManager as base

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        argv = kernel_cmd[kernel_cmd.index("-f"):] + [
            f"--IPKernelApp.parent_handle={os.getpid()}"]  # as jupyter_client's launcher
        env = {**kw["env"], "JPY_PARENT_PID": str(os.getpid())}
        pid = _fork(server, {"argv": argv, "env": env, "cwd": str(kw.get("cwd") or os.getcwd())})
        self.provisioner.process = Forked(pid)
        self.provisioner.pid = self.provisioner.pgid = pid
        self._reconcile_connection_info(self.provisioner.connection_info)

    return type("Warm" + base.__name__, (base,), {"_async_launch_kernel": _async_launch_kernel})


_shared: list[subprocess.Popen] = []


def shared_server() -> subprocess.Popen:
    """The server of this process, started at its first use (again if it stopped) and
    stopped when the process exits: the runner's notebooks and exports, and nbval's kernels,
    in one test run or one `make notebooks`, share its imports."""
    if _shared and _shared[0].poll() is not None:
        _shared.clear()
    if not _shared:
        _shared.append(start_server(Path.cwd(), dict(os.environ)))
        atexit.register(stop_server, _shared[0])
    return _shared[0]


def shared_manager(base):
    """`manager(server, base)` whose kernels the shared server forks, started at the first
    kernel asked for (nbval's)."""
    class Lazy(base):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            launch = manager(shared_server(), base)._async_launch_kernel
            return await launch(self, kernel_cmd, **kw)

    Lazy.__name__ = "Warm" + base.__name__
    return Lazy
