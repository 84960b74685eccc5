#!/usr/bin/env bash
# Builds the local control plane from pinned Go modules into a per-user cache outside the
# checkout, once; later calls find the binaries and return at once. Prints the directory that
# holds them (use it as KUBEBUILDER_ASSETS) as the last line of stdout.
#
#   hack/controlplane-build.sh [BINARY...]   default: etcd kube-apiserver kubectl
#
# Nothing is downloaded except through the Go module proxy: kube-apiserver, kubectl and
# kube-controller-manager come from k8s.io/kubernetes (hack/tools/controlplane), etcd from
# go.etcd.io/etcd/server/v3 (hack/tools/etcd).
set -euo pipefail

K8S_VERSION=v1.37.2
ETCD_VERSION=v3.6.16
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${ONESTOP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/onestop}
dir=$cache/controlplane/k8s-$K8S_VERSION-etcd-$ETCD_VERSION

bins=("$@")
((${#bins[@]})) || bins=(etcd kube-apiserver kubectl)

missing=()
for b in "${bins[@]}"; do
  case $b in
    etcd | kube-apiserver | kubectl | kube-controller-manager) ;;
    *) echo "controlplane-build: unknown binary '$b' (known: etcd kube-apiserver kubectl kube-controller-manager)" >&2; exit 2 ;;
  esac
  [[ -x $dir/$b ]] || missing+=("$b")
done

if ((${#missing[@]})); then
  mkdir -p "$dir"
  # One build at a time per cache: parallel clones and CI wait for the first instead of racing.
  exec 9>"$dir/.lock"
  flock 9
  major=${K8S_VERSION#v}; major=${major%%.*}
  minor=${K8S_VERSION#v*.}; minor=${minor%%.*}
  stamp=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    stamp+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    stamp+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  for b in "${missing[@]}"; do
    [[ -x $dir/$b ]] && continue
    case $b in
      etcd)
        echo ">> Building etcd $ETCD_VERSION from the Go module proxy into $dir (once; about 2 minutes)." >&2
        GOWORK=off go -C "$here/tools/etcd" build -o "$dir/.$b.tmp" .
        ;;
      *)
        echo ">> Building $b $K8S_VERSION from k8s.io/kubernetes into $dir." >&2
        echo ">> This happens once per machine: about 15-20 minutes on 2 cores for the first binary, then seconds to minutes for the others." >&2
        GOWORK=off go -C "$here/tools/controlplane" build -ldflags "-s -w$stamp" -o "$dir/.$b.tmp" "k8s.io/kubernetes/cmd/$b"
        ;;
    esac
    mv "$dir/.$b.tmp" "$dir/$b"
    echo ">> Built $dir/$b" >&2
  done
fi
echo "$dir"
