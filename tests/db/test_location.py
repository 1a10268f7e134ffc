"""The live database refuses cloud-sync folders and network shares; one famdesk per database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from famdesk.app import open_database
from famdesk.db.location import InstanceLock, check_location, filesystem_type
from famdesk.domain.errors import StorageError

MOUNTS = """/dev/sda1 / ext4 rw 0 0
server:/export /mnt/office nfs4 rw 0 0
//nas/share /media/nas\\040drive cifs rw 0 0
sshfs#me@host: /home/me/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("folder", [
    "/home/ana/OneDrive/famdesk", "/home/ana/OneDrive - Sunny Start/famdesk", "/Users/ana/Dropbox/data",
    "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/famdesk", "/Users/ana/Google Drive/famdesk",
    "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/famdesk",
    "/home/ana/Nextcloud/famdesk", "/home/ana/SynologyDrive/famdesk", "C:/Users/ana/SynologyDrive/famdesk",
    "/home/ana/MEGA/famdesk", "/home/ana/MEGAsync/famdesk", "C:/Users/ana/Box/famdesk", "/home/ana/Seafile/x",
    "/home/ana/SeaDrive/My Libraries/x", "/home/ana/ownCloud/famdesk", "/home/ana/ownCloud - Office/famdesk",
])
def test_cloud_sync_folders_refused(folder: str) -> None:
    with pytest.raises(StorageError, match="cloud service.*PostgreSQL"):
        check_location(Path(folder), MOUNTS)


@pytest.mark.parametrize(("folder", "fstype"), [
    ("/mnt/office/famdesk", "nfs4"), ("/media/nas drive/x", "cifs"), ("/home/me/remote/db", "fuse.sshfs")])
def test_network_shares_refused(folder: str, fstype: str) -> None:
    assert filesystem_type(Path(folder), MOUNTS) == fstype
    with pytest.raises(StorageError, match=f"network share \\({fstype}\\).*PostgreSQL"):
        check_location(Path(folder), MOUNTS)


def test_local_folder_accepted() -> None:
    check_location(Path("/home/ana/famdesk"), MOUNTS)
    check_location(Path("/home/ana/dropboxes-of-toys"), MOUNTS)  # only whole folder names count
    check_location(Path("/home/ana/toolbox/megaphone"), MOUNTS)


def test_open_database_refuses_a_cloud_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cloud service"):
        open_database(str(tmp_path / "Dropbox" / "famdesk"))
    assert not (tmp_path / "Dropbox" / "famdesk" / "famdesk.sqlite3").exists()


def test_second_famdesk_is_told_one_is_open(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, '.');"
        "from pathlib import Path; from famdesk.db.location import InstanceLock;"
        f"lock = InstanceLock(Path({str(tmp_path)!r})).acquire(); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StorageError, match="already open"):
            InstanceLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait()
    with InstanceLock(tmp_path):  # the holder is gone: free again
        pass


MAC_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//ana@nas.local/Office on /Volumes/Office (smbfs, nodev, nosuid, mounted by ana)
afp_3Xyz on /Volumes/Old Share (afpfs, nodev, nosuid, mounted by ana)
/dev/disk5s1 on /Volumes/USB STICK (msdos, local, nodev, nosuid, noowners)
"""


def test_mac_network_volumes_are_known_by_their_type() -> None:
    from famdesk.db.location import NETWORK_FS, mac_filesystem_type

    assert mac_filesystem_type(Path("/Volumes/Office/famdesk"), MAC_MOUNT) == "smbfs"
    assert mac_filesystem_type(Path("/Volumes/Old Share/x"), MAC_MOUNT) == "afpfs"
    assert mac_filesystem_type(Path("/Volumes/USB STICK/famdesk"), MAC_MOUNT) == "msdos"
    assert mac_filesystem_type(Path("/Users/ana/famdesk"), MAC_MOUNT) == "apfs"
    assert {"smbfs", "afpfs"} <= NETWORK_FS and "msdos" not in NETWORK_FS


def test_a_windows_mapped_network_drive_is_remote() -> None:
    from pathlib import PureWindowsPath

    from famdesk.db.location import windows_drive_is_remote

    kinds = {"Z:\\": 4, "C:\\": 3, "E:\\": 2}  # GetDriveTypeW: remote, fixed, removable
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return kinds.get(root, 0)

    assert windows_drive_is_remote(PureWindowsPath("Z:\\famdesk\\data"), drive_type)  # type: ignore[arg-type]
    assert not windows_drive_is_remote(PureWindowsPath("C:\\Users\\ana\\famdesk"), drive_type)  # type: ignore[arg-type]
    assert not windows_drive_is_remote(PureWindowsPath("E:\\famdesk"), drive_type)  # type: ignore[arg-type]
    assert asked == ["Z:\\", "C:\\", "E:\\"]
