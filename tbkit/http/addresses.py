"""The addresses other machines can use to reach a server bound to a wildcard (``0.0.0.0``, ``::``).

A server bound to ``0.0.0.0`` listens on every IPv4 address of this machine, but
``http://0.0.0.0:8080`` is no address to share. :func:`shareable_hosts` lists the machine's
own addresses instead, read without sending anything on the network:

- on Linux, IPv4 addresses per interface with the ``SIOCGIFADDR`` ioctl over
  :func:`socket.if_nameindex`, and IPv6 addresses from ``/proc/net/if_inet6``;
- elsewhere, the host name's addresses (:func:`socket.getaddrinfo`) and the source address
  the routing table picks for an outside destination (a UDP socket's ``connect`` chooses a
  route and sends no packet).

Loopback, link-local and unspecified addresses are left out: others cannot use them.

>>> shareable_hosts("127.0.0.1")
['127.0.0.1']
>>> all(":" not in host for host in shareable_hosts("0.0.0.0"))
True
"""

from __future__ import annotations

import ipaddress
import socket
import struct
from pathlib import Path

__all__ = ["interface_addresses", "is_wildcard", "shareable_hosts", "url_host"]

_SIOCGIFADDR = 0x8915  # Linux: an interface's IPv4 address
_IF_INET6 = Path("/proc/net/if_inet6")
_ROUTE_PROBES = {socket.AF_INET: "198.51.100.1", socket.AF_INET6: "2001:db8::1"}  # documentation ranges


def is_wildcard(host: str) -> bool:
    """True for a bind address meaning "every interface": ``""``, ``0.0.0.0`` or ``::``."""
    return host in ("", "0.0.0.0", "::")


def url_host(host: str) -> str:
    """A host as it goes in a URL (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host


def _linux_ipv4() -> list[tuple[str, str]]:
    import fcntl

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(sock.fileno(), _SIOCGIFADDR, struct.pack("256s", name.encode()[:15]))
            except OSError:  # no IPv4 address on this interface
                continue
            found.append((name, socket.inet_ntoa(packed[20:24])))
    return found


def _linux_ipv6() -> list[tuple[str, str]]:
    found = []
    for line in _IF_INET6.read_text("ascii").splitlines():
        fields = line.split()
        if len(fields) == 6:
            found.append((fields[5], str(ipaddress.IPv6Address(bytes.fromhex(fields[0])))))
    return found


def _portable() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except OSError:
        infos = []
    found += [("", str(info[4][0])) for info in infos]
    for family, probe in _ROUTE_PROBES.items():
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))  # UDP: picks the route's source address, sends nothing
                found.append(("", str(sock.getsockname()[0])))
        except OSError:  # no route for this family
            continue
    return found


def interface_addresses() -> list[tuple[str, str]]:
    """``(interface, address)`` for this machine's addresses (the interface is ``""`` when unknown)."""
    try:
        found = _linux_ipv4() + (_linux_ipv6() if _IF_INET6.exists() else [])
    except (ImportError, OSError, AttributeError):
        found = []
    if not any(not ipaddress.ip_address(a).is_loopback for _, a in found):
        found += _portable()
    unique: dict[str, str] = {}
    for name, address in found:
        unique.setdefault(address.split("%")[0], name)
    return [(name, address) for address, name in unique.items()]


def shareable_hosts(host: str, addresses: list[tuple[str, str]] | None = None) -> list[str]:
    """The hosts others can reach a server bound to ``host`` at: ``host`` itself unless it is a wildcard.

    For a wildcard, this machine's addresses of the bound family (both for ``""``), IPv4
    first; an empty list when the machine has no such address (then only loopback serves).
    """
    if not is_wildcard(host):
        return [host]
    families = {"0.0.0.0": (4,), "::": (6,), "": (4, 6)}[host]
    hosts = []
    for _, address in interface_addresses() if addresses is None else addresses:
        ip = ipaddress.ip_address(address)
        if ip.version in families and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast):
            hosts.append(ip)
    return [str(ip) for ip in sorted(hosts, key=lambda ip: ip.version)]
