"""Running the server: bind first (so a taken port is one clear line), then hand the socket to uvicorn."""

from __future__ import annotations

import socket

from tracker.errors import ConfigError


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a ConfigError naming what is wrong."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"--host {host!r}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def server(app, sock: socket.socket):
    """A uvicorn Server for the wired App. No access log: feed URLs carry secret tokens."""
    import uvicorn

    from tracker.web.app import create_app

    config = uvicorn.Config(
        create_app(app), log_level="warning", access_log=False, server_header=False, proxy_headers=False,
        h11_max_incomplete_event_size=16 * 1024, lifespan="off",
    )
    return uvicorn.Server(config)


def run(app, sock: socket.socket) -> None:
    server(app, sock).run(sockets=[sock])
