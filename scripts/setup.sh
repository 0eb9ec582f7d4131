#!/usr/bin/env bash
# Installs the Debian 12 packages crashsig builds against. Safe to run again:
# it asks apt only for what is missing, and runs `apt-get update` first when it does.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  tao-pegtl-dev libre2-dev libyaml-cpp-dev libboost-dev
  libsimdjson-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev libcpp-httplib-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
