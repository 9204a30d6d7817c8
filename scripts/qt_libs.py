"""Before `make run` opens the desk: are the system libraries Qt's X11 platform needs
installed? Qt only says "could not load the Qt platform plugin xcb" when one is
missing; this names the packages, and installs them when run as root with apt-get.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6

# The library each Debian/Ubuntu package provides, for the ones a desktop may lack.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def missing() -> list[str]:
    qt = Path(PySide6.__file__).parent / "Qt"
    found: set[str] = set()
    for binary in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        found |= {line.split()[0] for line in out.splitlines() if "not found" in line}
    return sorted(found)


def main() -> int:
    if sys.platform != "linux" or not shutil.which("ldd"):
        return 0
    absent = missing()
    if not absent:
        return 0
    packages = sorted({PACKAGES.get(lib, lib) for lib in absent})
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing what Qt needs to open windows: {' '.join(packages)}", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True)
        return 0 if not missing() else 1
    print(
        "The desk needs system libraries Qt uses to open windows. Install them with:\n"
        f"  sudo apt-get install {' '.join(packages)}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
