#!/usr/bin/env bash
# Installs the system libraries Legate builds against, from Debian's packages.
# Idempotent: prints nothing and changes nothing when everything is present.
set -euo pipefail

required=(g++ make cmake ninja-build pkg-config libopenblas-dev liblapacke-dev libfftw3-dev)
# Optional parts: their absence is reported by the native build, never fatal. Chromium is the
# docs site's browser test's (headless); without it that test is skipped, saying so.
optional=(libopenmpi-dev openmpi-bin libsuitesparse-dev libsuperlu-dev libarpack2-dev chromium)

missing=()
for pkg in "${required[@]}" "${optional[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# NumPy/SciPy are the references for tests and benchmarks: use an interpreter that has them.
python_ok=0
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c "import numpy, scipy" >/dev/null 2>&1; then
    python_ok=1
    break
  fi
done
if [ "$python_ok" = 0 ]; then
  missing+=(python3 python3-numpy python3-scipy)
fi

[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "legate setup: missing system packages: ${missing[*]}" >&2
  echo "legate setup: this script installs them with apt-get (Debian/Ubuntu); install the equivalents with your package manager." >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "legate setup: missing system packages: ${missing[*]}" >&2
    echo "legate setup: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "legate setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { "${sudo_cmd[@]}" apt-get update -q && "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "legate setup: apt-get could not install: ${missing[*]}" >&2
  echo "legate setup: fix the error above (network? apt sources?) and run the setup again." >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
