"""Serving the desk with uvicorn on a socket opened first, so the address can be printed and a
port in use is one clear line, not a traceback."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from typing import Any


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: a free one). Raises OSError when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    return sock


def network_address() -> str:
    """This computer's address on its network, for people at other computers (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "THIS-COMPUTER"
    finally:
        probe.close()


def new_passphrase() -> str:
    """Three short words' worth of randomness, easy to read out to a group."""
    return "-".join(secrets.token_hex(2) for _ in range(3))


def server(app: Any) -> Any:
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config)
