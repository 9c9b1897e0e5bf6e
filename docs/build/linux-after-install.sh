#!/bin/sh
# The kiosk user talks to the ID-card reader and printer over serial ports (group dialout on Debian).
set -e
if getent group dialout >/dev/null && [ -n "${SUDO_USER:-}" ]; then
  usermod -a -G dialout "$SUDO_USER" || true
fi
