"""Loaded by every Python process of a test that puts this folder on PYTHONPATH: any attempt to
reach an address off this machine (a connect or a DNS lookup) is written to
$NEWSDESK_NETWORK_LOG and refused, so the test sees what the app tried to contact."""

import os
import socket

_LOG = os.environ.get("NEWSDESK_NETWORK_LOG", "")
_LOCAL_NAMES = {None, "", "localhost", "0.0.0.0", "::", "::1", socket.gethostname()}


def _local(host: object) -> bool:
    text = str(host) if host is not None else None
    return text in _LOCAL_NAMES or (text or "").startswith("127.")


def _refuse(what: object) -> None:
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {what!r}\n")
    raise OSError(f"network access refused in this test: {what!r}")


if _LOG:
    _connect, _connect_ex, _getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def connect(self, address):  # type: ignore[no-untyped-def]
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _refuse(address)
        return _connect(self, address)

    def connect_ex(self, address):  # type: ignore[no-untyped-def]
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _refuse(address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not _local(host.decode() if isinstance(host, bytes) else host):
            _refuse(("dns", host))
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
