#!/usr/bin/env bash
# Install the Debian packages cmplanner needs on a fresh Debian 12 machine:
# Qt's system libraries (offscreen/minimal and xcb on Xvfb), fonts with Gurmukhi and
# emoji coverage, binutils for PyInstaller, PostgreSQL for the shared-database tests, and
# Chromium for the approval pack tests.
# See shared TESTING.md §1, §6 and §8.
#
# Idempotent and quiet: when everything is installed already it touches nothing
# (no apt-get update); otherwise one `apt-get update`, then one install.
# Needs root (or sudo). Never reads stdin.
set -euo pipefail

PACKAGES=(
  # Qt (offscreen / minimal)
  libgl1 libegl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  # Qt's xcb platform on a virtual X server, and a real X pointer for drag tests
  xvfb xauth xdotool
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  # fonts: Gurmukhi and the other scripts (Noto), colour emoji
  fonts-noto-core fonts-noto-color-emoji
  # the real Secret Service for the credential store tests (shared TESTING.md §4)
  gnome-keyring dbus-daemon dbus-bin
  # PyInstaller needs objdump
  binutils
  # a real PostgreSQL server for the shared-database tests (tests/support/postgres.py)
  postgresql
  # a real headless browser for the client approval pack tests (tests/support/chromium.py)
  chromium
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system-deps: all ${#PACKAGES[@]} Debian packages already installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "system-deps: missing ${missing[*]}" >&2
  echo "system-deps: run as root: sudo make system-deps" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "system-deps: installing ${#missing[@]} package(s): ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null >/dev/null
echo "system-deps: done"
