#!/usr/bin/env bash
# Create the virtual environment. On a fresh Debian/Ubuntu the venv module may be
# missing (package python3-venv); install it when we can, else say how.
set -euo pipefail
python="$1"; venv="$2"
if ! command -v "$python" >/dev/null; then
    echo "error: $python not found. Install Python 3.11 or newer (apt-get install python3 python3-venv)." >&2
    exit 1
fi
"$python" - <<'PY' || { echo "error: Turnero needs Python 3.11 or newer." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
if ! "$python" -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        ver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt-get update -qq && { apt-get install -y -qq "python$ver-venv" || apt-get install -y -qq python3-venv; }
        "$python" -m venv "$venv"
    else
        echo "error: cannot create a virtual environment. Run: sudo apt-get install python3-venv" >&2
        exit 1
    fi
fi
