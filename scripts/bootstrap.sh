# Sourced by ./run-app and ./run-tests: makes a fresh machine ready, then does nothing on later runs.
# Installs Qt's system libraries (Debian/Ubuntu, when missing), a virtual environment in .venv and
# the project with its test tools.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.installed-from"

qt_libraries=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core)

install_system_libraries() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "${qt_libraries[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "Qt needs these system packages; please install them: ${missing[*]}" >&2
      return 0
    fi
  fi
  echo "Installing Qt's system libraries: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Imperfect Trainer needs Python 3.11 or newer." >&2
  return 1
}

install_environment() {
  local wanted
  wanted="$(sha256sum < "$ROOT/pyproject.toml" | cut -d" " -f1)"
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$(find_python)" -m venv "$VENV"
  fi
  echo "Installing Imperfect Trainer and its tools into .venv (log: .venv/install.log) ..." >&2
  if ! { "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip \
      && "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$ROOT[dev]"; } \
      > "$VENV/install.log" 2>&1; then
    tail -n 30 "$VENV/install.log" >&2
    echo "Installing the Python packages failed; the whole log is in .venv/install.log" >&2
    return 1
  fi
  echo "$wanted" > "$STAMP"
}

install_system_libraries
install_environment
