"""Where a live SQLite database may live, and one famdesk at a time per database.

SQLite's locking is not reliable over network file systems, and sync clients (OneDrive, Dropbox,
Google Drive, iCloud, Nextcloud, Synology Drive, MEGA, Box, Seafile, ownCloud) copy a live database and its
-wal file at different moments, which corrupts it
or silently reverts it. famdesk refuses both and points to PostgreSQL for several PCs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from famdesk.domain.errors import StorageError
from famdesk.i18n import _

CLOUD_MARKERS = ("onedrive", "dropbox", "google drive", "googledrive", "my drive", "icloud drive",
                 "iclouddrive", "mobile documents", "com~apple~clouddocs", "cloudstorage", "box sync", "pcloud",
                 # Nextcloud, Synology Drive, MEGA, Box Drive, Seafile / SeaDrive, ownCloud: their default folders
                 "nextcloud", "synologydrive", "synology drive", "megasync", "mega", "box", "seafile", "seadrive",
                 "owncloud")
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "sshfs", "afs", "ceph", "glusterfs",
              "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "9p", "lustre", "fuse.s3fs", "ncpfs",
              "afpfs", "webdav", "macfuse", "osxfuse"}  # the last four: macOS network volumes
LOCK_FILE = "famdesk.lock"


def _postgres_hint() -> str:
    return _("To share records between several PCs, use a PostgreSQL server (see README, \"Several PCs\").")


def filesystem_type(folder: Path, mounts_text: str | None = None) -> str | None:
    """The type of the file system holding ``folder`` (Linux /proc/mounts), or None if unknown."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, fstype = "", None
    target = str(folder)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, fstype = point, parts[2]
    return fstype


def mac_filesystem_type(folder: Path, mount_output: str | None = None) -> str | None:
    """The file system type holding ``folder`` on macOS, read from ``mount`` ("… on /Volumes/x (smbfs, …)")."""
    if mount_output is None:
        import subprocess

        try:
            mount_output = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5).stdout
        except (OSError, subprocess.SubprocessError):
            return None
    best, fstype = "", None
    target = str(folder)
    for line in mount_output.splitlines():
        head, sep, rest = line.rpartition(" (")
        if not sep or " on " not in head:
            continue
        point = head.split(" on ", 1)[1]
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, fstype = point, rest.split(",")[0].strip(" )")
    return fstype


DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def windows_drive_is_remote(folder: Path, drive_type: object = None) -> bool:
    """Whether ``folder`` is on a mapped network drive (``Z:\\``) on Windows."""
    root = folder.anchor or str(folder)
    if drive_type is None:
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    try:
        return int(drive_type(root)) == DRIVE_REMOTE  # type: ignore[operator]
    except (OSError, ValueError, TypeError):
        return False


def check_location(folder: Path, mounts_text: str | None = None) -> None:
    """Raise StorageError when ``folder`` is a cloud-sync folder or on a network share."""
    folder = folder.expanduser().resolve()
    lowered = str(folder).replace("\\", "/").lower()
    for marker in CLOUD_MARKERS:
        if any(part == marker or part.startswith(marker + " ") or part.startswith(marker + "-")
               for part in lowered.split("/")):
            raise StorageError(_("The database folder {folder} is synchronised by a cloud service; a live database "
                                 "there gets corrupted or rolled back. Choose a local folder with --data-dir. ")
                               .format(folder=folder) + _postgres_hint())
    if sys.platform == "win32":
        remote = str(folder).startswith("\\\\") or windows_drive_is_remote(folder)
        fstype: str | None = "smb" if remote else None
    elif sys.platform == "darwin":
        fstype = mac_filesystem_type(folder)
    else:
        fstype = filesystem_type(folder, mounts_text)
    if fstype and fstype.lower() in NETWORK_FS:
        raise StorageError(_("The database folder {folder} is on a network share ({fstype}); SQLite cannot lock "
                             "files safely there. Choose a local folder with --data-dir. ")
                           .format(folder=folder, fstype=fstype) + _postgres_hint())


class InstanceLock:
    """An exclusive lock on ``famdesk.lock`` in the data folder, held while the window is open."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._file: IO[bytes] | None = None

    def acquire(self) -> InstanceLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            if sys.platform == "win32":
                import msvcrt

                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.close()
            raise StorageError(_("famdesk is already open on this database (in another window or by another "
                                 "user of this PC). Use that window, or close it first.")) from None
        f.truncate(0)
        f.write(str(os.getpid()).encode())
        f.flush()
        self._file = f
        return self

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()
