#!/usr/bin/env bash
# Fails when the committed generated files (CRDs, RBAC role, DeepCopy) differ from what the
# markers produce now. It regenerates in place, so after a failure the tree holds the fresh
# files: review them and commit.
set -euo pipefail
cd "$(dirname "$0")/.."

generated() { find config/crd config/rbac/role.yaml charts/onestop/files -type f 2>/dev/null; git ls-files -co --exclude-standard -- '*zz_generated*.go'; }
snapshot() { generated | sort | xargs -r sha256sum; }

before=$(snapshot)
make -s manifests generate >/dev/null
after=$(snapshot)
if [[ "$before" != "$after" ]]; then
  echo "Generated files were stale; they are regenerated now. Review and commit them:" >&2
  diff <(echo "$before") <(echo "$after") | grep '^[<>]' | awk '{print "  " $3}' | sort -u >&2
  exit 1
fi
echo "Generated files are up to date."
