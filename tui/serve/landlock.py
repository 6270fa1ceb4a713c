"""The kernel confines each participant's app: Linux Landlock, applied in the child before it starts.

The app's own path checks keep a participant inside their workspace (tui.core.files.workspace), but they
run in the participant's process as the coach's user: one bug in a library would reach the coach's
account. Landlock (Linux 5.13+, no privileges needed) lets a process give up file access for good.
Each served app keeps:

- read (and execute) on the installation: the Python prefixes, every folder on ``sys.path``, the
  system's ``/usr``, ``/lib*``, ``/etc``, and the few devices a program reads (``/dev/null``,
  ``/dev/urandom``, …);
- everything on its own workspace, and write on the two room folders the server reads back from
  it (presence in ``online/``, crash reports in ``logs/``);
- nothing else: another participant's workspace, the room's keys and codes, the coach's home.

Files already open (the pseudo-terminal) are not affected. Where the kernel lacks Landlock (or a
seccomp filter hides it), the app runs with its own checks only, and the server's log says so.

The system calls are made through ctypes: the standard library has no binding, and the interface
is three calls and two structures, stable since ABI 1 (newer ABIs add access rights, handled below).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on every Linux architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Filesystem access rights, by the ABI that introduced them.
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_RIGHTS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1, 5: (1 << 16) - 1}

READ = EXECUTE | READ_FILE | READ_DIR
# In a workspace: files and folders, never devices, sockets or FIFOs (reads refuse them anyway).
WORKSPACE = READ | WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG | MAKE_SYM | REFER | TRUNCATE
FILE_ONLY = EXECUTE | READ_FILE | WRITE_FILE | TRUNCATE | IOCTL_DEV  # rights that apply to a file itself

SYSTEM_READ = ("/usr", "/lib", "/lib32", "/lib64", "/etc", "/bin", "/sbin")
DEVICES_READ = ("/dev/urandom", "/dev/random", "/dev/zero")
DEVICES_WRITE = ("/dev/null", "/dev/tty")


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@dataclass(frozen=True)
class Confinement:
    """What was applied (or why not): the server logs it for each session."""

    abi: int  # 0: not applied
    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    reason: str = ""  # why not applied

    @property
    def applied(self) -> bool:
        return self.abi > 0


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def abi_version() -> int:
    """The kernel's Landlock ABI (0: none; a negative errno is folded into 0)."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        version = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), _CREATE_RULESET_VERSION)
    except (OSError, AttributeError):
        return 0
    return max(0, int(version))


@cache  # computed once in the fork server; every child confines itself with the same list
def installation_paths() -> list[str]:
    """Where the app's code and data live: read (and execute) only."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # above tui/
    roots = [sys.prefix, sys.base_prefix, sys.exec_prefix, here, *sys.path, *SYSTEM_READ]
    return [p for p in dict.fromkeys(os.path.realpath(r) for r in roots if r) if os.path.exists(p)]


def confine(workspace: str, write: Iterable[str], read: Iterable[str]) -> Confinement:
    """Restrict this process (and any it starts) for good; what was applied, or why it was not."""
    abi = abi_version()
    if abi <= 0:
        return Confinement(0, reason="landlock unavailable")
    handled = _RIGHTS_BY_ABI.get(abi, _RIGHTS_BY_ABI[5])
    libc = _libc()
    attr = _RulesetAttr(handled)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), 0)
    if ruleset < 0:
        return Confinement(0, reason=f"create_ruleset: {os.strerror(ctypes.get_errno())}")
    read_paths: list[str] = []
    write_paths: list[str] = []
    try:
        devices = READ_FILE | WRITE_FILE | IOCTL_DEV
        rules = [(workspace, WORKSPACE), *((p, WORKSPACE) for p in write), *((p, READ) for p in read),
                 *((p, READ_FILE) for p in DEVICES_READ), *((p, devices) for p in DEVICES_WRITE)]
        for path, rights in rules:
            if _add_rule(libc, ruleset, path, rights & handled):
                (write_paths if rights & WRITE_FILE else read_paths).append(path)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return Confinement(0, reason=f"no_new_privs: {os.strerror(ctypes.get_errno())}")
        if libc.syscall(_RESTRICT_SELF, ruleset, 0) != 0:
            return Confinement(0, reason=f"restrict_self: {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(ruleset)
    return Confinement(abi, tuple(read_paths), tuple(write_paths))


def _add_rule(libc: ctypes.CDLL, ruleset: int, path: str, rights: int) -> bool:
    """Allow ``rights`` beneath ``path``; False when the path is absent (nothing to allow)."""
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not os.path.isdir(path):
            rights &= FILE_ONLY  # the kernel refuses folder rights on a file
        rule = _PathBeneathAttr(rights, fd)
        return bool(libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), 0) == 0)
    finally:
        os.close(fd)
