"""Warm kernels (tools/warm_kernels.py) as nbval uses them: a synchronous kernel manager whose
kernel is forked by the server, runs code in a namespace of its own, and goes at shutdown."""

import os

import warm_kernels
from jupyter_client.manager import KernelManager

from conftest import ROOT


def run(client, code: str) -> str:
    msg_id = client.execute(code)
    text = []
    while True:
        msg = client.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            text.append(msg["content"]["text"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(text)


def test_a_synchronous_manager_gets_a_fresh_kernel_forked_by_the_server(tmp_path):
    """Each kernel also gets the module path of its own request's PYTHONPATH, not the server's
    (one server serves the copies of the project that tests make)."""
    server = warm_kernels.start_server(ROOT, {**os.environ, "PYTHONPATH": str(tmp_path / "a")})
    try:
        pids = []
        for folder in ("b", "c"):
            km = warm_kernels.manager(server, KernelManager)(kernel_name="python3")
            km.start_kernel(env={**os.environ, "PYTHONPATH": str(tmp_path / folder)})
            client = km.client()
            client.start_channels()
            try:
                client.wait_for_ready(timeout=60)
                # forked by the server, with pandas already imported, and nothing left over
                # from the kernel before it
                assert run(client, "import os, sys; print(os.getppid(), 'pandas' in sys.modules,"
                                   " 'seen' in globals()); seen = 1").split() == [
                    str(server.pid), "True", "False"]
                assert run(client, f"import sys; print(sys.path.index({str(tmp_path / folder)!r}),"
                                   f" {str(tmp_path / 'a')!r} in sys.path)").split() == [
                    "0", "False"]
                pids.append(km.provisioner.pid)
            finally:
                client.stop_channels()
                km.shutdown_kernel(now=True)
        assert pids[0] != pids[1]
        for pid in pids:  # gone (the server reaps its kernels)
            assert warm_kernels.Forked(pid).poll() == 0
    finally:
        warm_kernels.stop_server(server)
