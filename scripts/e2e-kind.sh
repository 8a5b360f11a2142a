#!/usr/bin/env bash
# `make e2e-kind`: the whole product on a real Kubernetes: a throw-away kind (or k3d) cluster, the image built from
# this checkout and loaded into it, the Helm chart installed, examples/operator applied, a webhook sent to the webhook
# Driver's Service, and the WorkflowRun it starts waited for until it Succeeded. The cluster is deleted at the end,
# whatever happens. Where no container engine or cluster tool exists it says why it skips and exits 0.
#
# DOCKER, KIND and K3D name the tools (default: docker, kind, k3d on PATH); IMAGE the image to build and load
# (default honeydipper:e2e); KEEP_CLUSTER=1 keeps the cluster for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
docker=${DOCKER:-docker}
kind=${KIND:-kind}
k3d=${K3D:-k3d}
image=${IMAGE:-honeydipper:e2e}
cluster=hd-e2e-$$

skip() { echo "e2e-kind: skipped: $*"; exit 0; }
say() { echo "e2e-kind: $*"; }
fail() { echo "e2e-kind: FAILED: $*" >&2; exit 1; }

command -v "$docker" >/dev/null 2>&1 || skip "no container engine ($docker not found); install Docker to run the end-to-end test"
"$docker" info >/dev/null 2>&1 || skip "$docker cannot reach its daemon (is it running, and may this user use it?)"
if command -v "$kind" >/dev/null 2>&1; then
  tool=kind
elif command -v "$k3d" >/dev/null 2>&1; then
  tool=k3d
else
  skip "neither kind nor k3d found; install one (https://kind.sigs.k8s.io) to run the end-to-end test"
fi
bash scripts/ensure-helm.sh
helm=$PWD/tools/helm/helm
kubectl=$PWD/tools/kubectl/kubectl

work=$(mktemp -d /tmp/hd-e2e.XXXXXX)
export KUBECONFIG=$work/kubeconfig
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    "$kubectl" -n honeydipper-system logs deploy/honeydipper-operator --tail=60 >&2 2>/dev/null || true
    "$kubectl" get pods -A >&2 2>/dev/null || true
  fi
  if [ -z "${KEEP_CLUSTER:-}" ]; then
    case $tool in
      kind) "$kind" delete cluster --name "$cluster" >/dev/null 2>&1 || true ;;
      k3d) "$k3d" cluster delete "$cluster" >/dev/null 2>&1 || true ;;
    esac
  else
    say "kept cluster $cluster (KUBECONFIG=$KUBECONFIG)"
  fi
  [ -n "${KEEP_CLUSTER:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# Polls a command until it succeeds or the deadline (seconds) passes.
until_ok() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "waited $what"
    sleep 2
  done
}

say "building $image"
"$docker" build -t "$image" . >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "docker build"; }

say "creating $tool cluster $cluster"
case $tool in
  kind)
    "$kind" create cluster --name "$cluster" --kubeconfig "$KUBECONFIG" --wait 180s
    "$kind" load docker-image "$image" --name "$cluster"
    ;;
  k3d)
    "$k3d" cluster create "$cluster" --kubeconfig-update-default=false --wait
    "$k3d" kubeconfig get "$cluster" >"$KUBECONFIG"
    "$k3d" image import "$image" --cluster "$cluster"
    ;;
esac

say "installing the chart"
"$helm" install honeydipper charts/honeydipper --namespace honeydipper-system --create-namespace \
  --set image.repository="${image%:*}" --set image.tag="${image##*:}" --set image.pullPolicy=Never \
  --set redis.persistence.enabled=false --wait --timeout 5m

say "applying examples/operator"
"$kubectl" apply -f examples/operator/namespace.yaml -f examples/operator/config.yaml
until_ok 120 "for the webhook Driver's Deployment" "$kubectl" -n hello get deployment hd-webhook
"$kubectl" -n hello rollout status deployment/hd-webhook --timeout=180s
"$kubectl" -n hello wait --for=condition=Ready driver/webhook --timeout=120s
"$kubectl" -n hello wait --for=condition=Ready rule/greet-on-hello --timeout=60s

say "sending a webhook"
port=$((20000 + RANDOM % 30000))
"$kubectl" -n hello port-forward service/hd-webhook "$port:80" >"$work/port-forward.log" 2>&1 &
pids+=($!)
until_ok 60 "for the port-forward" curl -s -o /dev/null "http://127.0.0.1:$port/hz/alive"
curl -fsS -X POST "http://127.0.0.1:$port/hello" -H 'Content-Type: application/json' -d '{"name": "kind"}'
echo

say "waiting for the WorkflowRun"
until_ok 120 "for a Succeeded run of greet" sh -c "'$kubectl' -n hello get workflowruns -l honeydipper.io/workflow=greet,honeydipper.io/phase=Succeeded -o name | grep -q ."
run=$("$kubectl" -n hello get workflowruns -l honeydipper.io/workflow=greet,honeydipper.io/phase=Succeeded -o name | head -n 1)
greeting=$("$kubectl" -n hello get "$run" -o jsonpath='{.status.exported.greeting}')
[ "$greeting" = "Hello, kind!" ] || fail "$run exported '$greeting', not 'Hello, kind!'"
say "$run Succeeded and exported \"$greeting\"; passed"
