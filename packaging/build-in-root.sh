#!/usr/bin/env bash
# Runs inside the Debian 11 (bullseye) build root that scripts/build-bundle makes, with the
# project mounted at /src: Python 3.11 compiled in the root, then PyInstaller. Everything the
# bundle carries is then built against (or copied from) glibc 2.31 and bullseye's libraries.
set -euo pipefail

PREFIX=/opt/python3.11
PYTHON="$PREFIX/bin/python3.11"
VENV=/opt/bundle-venv
say() { echo "build-bundle (in the root): $*" >&2; }

# The sources come from bookworm (Debian 12); only its source packages, never its binaries.
add_bookworm_sources() {
  echo 'deb-src http://deb.debian.org/debian bookworm main' > /etc/apt/sources.list.d/bookworm-src.list
  apt-get update -qq
}

# Bullseye's SQLite (3.34) predates RETURNING (3.35), which the app's answer log uses, so
# Python's sqlite3 gets bookworm's SQLite, built from its source package with its fixes (the
# patches that only fit it into Debian's build left out), beside Python in $PREFIX/lib.
build_sqlite() {
  say "compiling SQLite from bookworm's source package (about 2 minutes)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcl > /dev/null  # makes the amalgamation
  rm -rf /usr/src/sqlite && mkdir -p /usr/src/sqlite && cd /usr/src/sqlite
  chown _apt /usr/src/sqlite  # apt fetches as its own user
  apt-get source --download-only -qq sqlite3 > /dev/null
  mkdir debian-files && tar -xJf sqlite3_*.debian.tar.xz -C debian-files
  tar -xJf sqlite3_*.orig.tar.xz --exclude='*/www/*'
  cd sqlite3-*/
  grep -v -E '^(#|02-|10-|20-|30-|32-|40-)' ../debian-files/debian/patches/series \
    | while read -r patch; do
      patch -p1 -s --no-backup-if-mismatch < "../debian-files/debian/patches/$patch"
    done
  ./configure -q --prefix="$PREFIX" --disable-static --disable-tcl \
    CFLAGS="-O2 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE \
      -DSQLITE_ENABLE_COLUMN_METADATA" > /dev/null
  make -s -j"$(nproc)" > ../make.log 2>&1 || { tail -n 30 ../make.log >&2; exit 1; }
  make -s install > ../install.log 2>&1 || { tail -n 30 ../install.log >&2; exit 1; }
}

# Bullseye has no Python 3.11. Bookworm's python3.11 source package is upstream 3.11 with
# Debian's security fixes; those come last in its series, after the patches that fit Python
# into Debian's own layout (which a Python of its own under /opt must not have), from
# shutdown-deadlock.diff on.
build_python() {
  say "compiling Python 3.11 from bookworm's source package (5 to 10 minutes on 2 cores)"
  rm -rf /usr/src/python && mkdir -p /usr/src/python && cd /usr/src/python
  chown _apt /usr/src/python  # apt fetches as its own user
  apt-get source --download-only -qq python3.11 > /dev/null
  mkdir debian-files && tar -xJf python3.11_*.debian.tar.xz -C debian-files
  tar -xzf python3.11_*.orig.tar.gz
  cd Python-3.11.*/
  local series=../debian-files/debian/patches/series
  grep -qx 'shutdown-deadlock.diff' "$series" \
    || { say "bookworm's patch series changed; pick its security patches anew"; exit 1; }
  sed -n '/^shutdown-deadlock.diff$/,$p' "$series" | while read -r patch; do
    patch -p1 -s --no-backup-if-mismatch < "../debian-files/debian/patches/$patch"
  done
  # The CVE-2026-4224 fix uses a core header in pyexpat.c, which Debian builds into the
  # interpreter; built as a module, as here, it needs the define later 3.11 releases carry.
  if grep -q pycore_ceval.h Modules/pyexpat.c && ! grep -q Py_BUILD_CORE Modules/pyexpat.c; then
    sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' Modules/pyexpat.c
  fi
  # Shared, as PyInstaller needs libpython; the rpath finds it without LD_LIBRARY_PATH.
  ./configure -q --prefix="$PREFIX" --enable-shared --with-ensurepip=install \
    PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" CPPFLAGS="-I$PREFIX/include" \
    LDFLAGS="-L$PREFIX/lib -Wl,-rpath,$PREFIX/lib" > /dev/null
  make -s -j"$(nproc)" > ../make.log 2>&1 || { tail -n 30 ../make.log >&2; exit 1; }
  if grep -A 3 '^Failed to build these modules' ../make.log >&2; then exit 1; fi
  make -s install > ../install.log 2>&1 || { tail -n 30 ../install.log >&2; exit 1; }
  # The modules the app and pip need: a build that silently left one out must stop here.
  "$PYTHON" -c 'import ssl, sqlite3, ctypes, zlib, bz2, lzma, uuid, hashlib, pyexpat'
  "$PYTHON" -c 'import sqlite3, sys; sys.exit(sqlite3.sqlite_version_info < (3, 35))' \
    || { say "Python's sqlite3 did not take the new SQLite"; exit 1; }
  say "$("$PYTHON" --version), SQLite $("$PYTHON" -c 'import sqlite3; print(sqlite3.sqlite_version)'), in $PREFIX"
}

if [ ! -e "$PREFIX/lib/libsqlite3.so" ] || [ ! -x "$PYTHON" ]; then add_bookworm_sources; fi
[ -e "$PREFIX/lib/libsqlite3.so" ] || build_sqlite
[ -x "$PYTHON" ] || build_python

# Bullseye's glibc (2.31) takes PySide6's manylinux_2_28 wheels, not 6.10's (manylinux_2_34), so pip
# picks 6.9 here by itself; the constraints file pins it, so each build is the same.
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
say "installing the project, PySide6 and PyInstaller into $VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  -c /src/packaging/bundle-constraints.txt -e "/src[bundle]"

cd /src
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/bundle packaging/imperfect-trainer.spec
"$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("imperfect-trainer"))' \
  > build/bundle/version
