#!/usr/bin/env bash
# Installs the Debian packages the full test suite needs, when they are missing:
#   iproute2  network namespaces (transfer routing bench, pod emulation; tests run as root)
#   chromium  the console's browser tests (driven by playwright-core; never downloaded by npm)
#   prometheus  scrapes the emulated pods in the Kubernetes test
#   golang-go + golang-github-masterminds-sprig-dev  build tools/helm-render (Helm templates without helm)
set -euo pipefail
packages=(iproute2 chromium prometheus golang-go golang-github-masterminds-sprig-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
