# shellcheck shell=bash
# Sourced by ./run-app, ./run-tests and scripts/build-bundle: makes a fresh machine ready, then does
# nothing on later runs. Installs Qt's system libraries (Debian/Ubuntu, when missing), a virtual
# environment in .venv and the project in it, editable, with the extras the caller names:
#   source scripts/bootstrap.sh runtime    # what the app needs to run, nothing more
#   source scripts/bootstrap.sh dev        # and the developer tools (pytest, ruff, mypy, ...)
# Always name one: a sourced script without arguments would see its caller's (./run-app's).
# One .venv serves all callers: a run that needs fewer extras never removes what another added.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "bootstrap.sh: name the extras to install (runtime for none)" >&2
  return 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
# The hash of the pyproject.toml the venv was installed from, then the extras installed with it.
STAMP="$VENV/.installed-from"
EXTRAS=()
for extra in "$@"; do
  [ "$extra" = runtime ] || EXTRAS+=("$extra")
done

qt_libraries=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core)

# What the tests drive besides Python: strace kills and fails the app at each step, the
# freedesktop validators check the menu entry, unshare gives the full-disk test its own tmpfs
# (and, with iproute2, the network-drop test a network to take down),
# PostgreSQL 15 runs the throwaway server the programme tests use (scripts/test-postgres),
# poppler-utils (pdftoppm, pdftotext) renders the supervision report's pages and reads their text,
# dbus runs the private session bus the reminder's notification tests talk to.
test_tools=(strace desktop-file-utils appstream util-linux iproute2 postgresql poppler-utils dbus)

install_system_libraries() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local wanted=("${qt_libraries[@]}") missing=()
  [[ " ${EXTRAS[*]} " == *" dev "* ]] && wanted+=("${test_tools[@]}")
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "Please install these system packages: ${missing[*]}" >&2
      return 0
    fi
  fi
  echo "Installing system packages: ${missing[*]}" >&2
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

# The stamp: the hash of the pyproject.toml the venv was installed from, then its extras.
stamped_extras() {
  local stamp
  [ -r "$STAMP" ] || return 0
  read -r -a stamp < "$STAMP" || true
  echo "${stamp[*]:1}"
}

# True when the stamp names this pyproject.toml and every extra asked for.
already_installed() {
  local wanted_hash=$1 stamp extra
  [ -x "$VENV/bin/python" ] && [ -r "$STAMP" ] || return 1
  read -r -a stamp < "$STAMP" || true
  [ "${stamp[0]:-}" = "$wanted_hash" ] || return 1
  for extra in "${EXTRAS[@]}"; do
    [[ " ${stamp[*]:1} " == *" $extra "* ]] || return 1
  done
}

# pip's log, read as it is written: one line a package fetched, then the install itself.
show_progress() {
  awk '
    /^Collecting / { wanted++; name = $2; sub(/[<>=!~;\[].*/, "", name) }
    /^  Downloading / { size = $0; sub(/.*\(/, "", size); sub(/\).*/, "", size)
                        printf "  %2d. fetching %s (%s)\n", wanted, name, size; fflush() }
    /^Installing collected packages/ { printf "  installing %d packages...\n", wanted; fflush() }
    /^Successfully installed/ { print "  done."; fflush() }
  ' >&2
}

install_environment() {
  local wanted_hash spec extras=()
  wanted_hash="$(sha256sum < "$ROOT/pyproject.toml" | cut -d" " -f1)"
  already_installed "$wanted_hash" && return 0
  if [ ! -x "$VENV/bin/python" ]; then
    "$(find_python)" -m venv "$VENV"
  fi
  # Extras installed before stay installed, and up to date with this pyproject.toml.
  local previous
  read -r -a previous <<< "$(stamped_extras)"
  read -r -a extras <<< "$(printf '%s\n' "${previous[@]}" "${EXTRAS[@]}" | sort -u | xargs)"
  spec="$ROOT"
  if [ ${#extras[@]} -gt 0 ]; then
    spec="${ROOT}[$(IFS=,; echo "${extras[*]}")]"
  fi
  echo "Installing Imperfect Trainer${extras[*]:+ with ${extras[*]}} into .venv" \
    "(log: .venv/install.log) ..." >&2
  # Until pip has finished, the stamp names no pyproject.toml: a failed or interrupted install
  # must not pass for a finished one, yet its extras are remembered for the next try.
  echo "unfinished ${extras[*]}" > "$STAMP"
  # pip's own lines go to the log; a person sees each package as it is fetched, with its size,
  # and a count, so a first start that takes a minute on a slow line is seen to be moving.
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$spec" 2>&1 \
      | tee "$VENV/install.log" | show_progress; then
    tail -n 30 "$VENV/install.log" >&2
    echo "Installing the Python packages failed; the whole log is in .venv/install.log" >&2
    return 1
  fi
  echo "$wanted_hash ${extras[*]}" > "$STAMP"
}

# The app's own modules as bytecode, as pip leaves an installed package: an editable install
# leaves them to Python, which never writes them where PYTHONDONTWRITEBYTECODE is set, and then
# compiles every module again at each start (about 50 ms before the first card here).
compile_sources() {
  local compiled="$VENV/.compiled"
  if [ -e "$compiled" ] \
      && [ -z "$(find "$ROOT/imperfect_trainer" -name '*.py' -newer "$compiled" -print -quit)" ]; then
    return 0
  fi
  # Stamped with the time before compiling: a file edited meanwhile is compiled next time.
  touch "$compiled.new"
  # A module that does not compile is reported when it is imported; the launch goes on.
  "$VENV/bin/python" -m compileall -q -j 0 "$ROOT/imperfect_trainer" > /dev/null 2>&1 || true
  mv "$compiled.new" "$compiled"
}

install_system_libraries
install_environment
compile_sources
