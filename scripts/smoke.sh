#!/usr/bin/env bash
# `make smoke`: the operator by hand, as a person would try it, against the fake cluster (docs/fake-cluster.md)
# and a real redis-server: kubectl applies the CRDs and examples/operator, `honeydipper operator` runs, a
# WorkflowRun created with kubectl completes as Succeeded, and the webhook Driver gets its Deployment and Service.
# Everything runs on 127.0.0.1 on free ports and is stopped when the script ends, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIGURATION:-Debug}
[ -n "${SMOKE_NO_BUILD:-}" ] || dotnet build Honeydipper.Operator.sln -c "$config" -nologo -clp:ErrorsOnly >/dev/null
cli=src/Honeydipper.Cli/bin/$config/net10.0/honeydipper.dll
emulator=tests/Honeydipper.KubeApi.Emulator/bin/$config/net10.0/Honeydipper.KubeApi.Emulator.dll

work=$(mktemp -d /tmp/hd-smoke.XXXXXX)
pids=()
failed=1
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$failed" -ne 0 ]; then
    for log in "$work"/*.log; do echo "--- $log (last 40 lines)" >&2; tail -n 40 "$log" >&2 || true; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    listening "$port" || { echo "$port"; return; }
  done
  fail "no free port found"
}
# Polls a command until it succeeds or the deadline (seconds) passes.
until_ok() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "waited $what"
    sleep 0.2
  done
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --loglevel warning >"$work/redis.log" 2>&1 &
pids+=($!)
api_port=$(free_port)
export KUBECONFIG=$work/kubeconfig
dotnet "$emulator" --port "$api_port" --kubeconfig-out "$KUBECONFIG" >"$work/fake-cluster.log" 2>&1 &
pids+=($!)
until_ok 30 "for redis-server on $redis_port" listening "$redis_port"
until_ok 60 "for the fake cluster on $api_port" kubectl get namespaces
say "fake cluster on 127.0.0.1:$api_port, redis on 127.0.0.1:$redis_port"

kubectl apply -f config/crd >/dev/null
kubectl wait --for=condition=Established crd --all --timeout=30s >/dev/null
kubectl apply -f examples/operator/namespace.yaml -f examples/operator/config.yaml >/dev/null
run=$(kubectl create -f examples/operator/workflowrun.yaml -o name)
say "created $run"

health_port=$(free_port)
dotnet "$cli" operator --kubeconfig "$KUBECONFIG" --redis "127.0.0.1:$redis_port" --namespace hello --health "127.0.0.1:$health_port" --api 127.0.0.1:0 \
  --driver-image honeydipper-operator:smoke >"$work/operator.log" 2>&1 &
pids+=($!)

kubectl -n hello wait --for=condition=Completed "$run" --timeout=60s >/dev/null || fail "$run never completed"
phase=$(kubectl -n hello get "$run" -o jsonpath='{.status.phase}')
[ "$phase" = Succeeded ] || fail "$run is $phase, not Succeeded"
kubectl -n hello get hdrun | grep -q "^${run#*/} .*Succeeded" || fail "kubectl get hdrun does not show $run Succeeded"
greeting=$(kubectl -n hello get "$run" -o jsonpath='{.status.exported.greeting}')
[ "$greeting" = "Hello, smoke!" ] || fail "$run exported greeting '$greeting', not 'Hello, smoke!'"
say "$run Succeeded and exported \"$greeting\""

until_ok 30 "for the webhook Driver's Deployment" kubectl -n hello get deployment hd-webhook
kubectl -n hello get service hd-webhook >/dev/null || fail "the webhook Driver has no Service"
image=$(kubectl -n hello get deployment hd-webhook -o jsonpath='{.spec.template.spec.containers[0].image}')
[ "$image" = honeydipper-operator:smoke ] || fail "the driver Deployment runs '$image'"
say "Driver webhook has Deployment and Service hd-webhook"

until_ok 30 "for the Rule to be Ready" kubectl -n hello wait --for=condition=Ready rule/greet-on-hello --timeout=1s
exec 3<>"/dev/tcp/127.0.0.1/$health_port"
printf 'GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
head -n 1 <&3 | grep -q ' 200 ' || fail "/readyz is not 200"
exec 3<&-
say "operator ready; all good"
failed=0
