#!/usr/bin/env bash
# Makes the Python the export tests read networks back with: a virtual
# environment in bin/pyenv with NetworkX (pinned), from PyPI. Prints the
# path of its python. Run by scripts/test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
env_dir=bin/pyenv
want=3.6.1
if ! "$env_dir/bin/python" -c "import networkx, sys; sys.exit(networkx.__version__ != '$want')" >/dev/null 2>&1; then
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    # Debian keeps venv's pip apart, in python3-venv.
    if [ "$(id -u)" = 0 ]; then
      echo "pydeps: installing Debian's python3-venv" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
    else
      echo "pydeps: python3 cannot make a virtual environment; install it with: sudo apt-get install python3-venv" >&2
      exit 1
    fi
  fi
  rm -rf "$env_dir"
  python3 -m venv "$env_dir" >&2
  "$env_dir/bin/pip" install --quiet --disable-pip-version-check "networkx==$want" >&2
fi
echo "$PWD/$env_dir/bin/python"
