# The two commands a newcomer needs are `make run` and `make test` (see README.md).
SLN := Honeydipper.Operator.sln
CLI := src/Honeydipper.Cli/Honeydipper.Cli.csproj
EXAMPLE ?= examples/quickstart
CONFIG ?= $(EXAMPLE)

.PHONY: build test run validate bench crds fake-cluster smoke clean

build:
	dotnet build $(SLN) -nologo -clp:ErrorsOnly

test:
	@bash scripts/test.sh

run:
	dotnet run --project $(CLI) -- local --config $(EXAMPLE)

validate:
	dotnet run --project $(CLI) -- validate $(CONFIG)

bench:
	dotnet run -c Release --project tests/Honeydipper.Benchmarks -- $(if $(QUICK),--quick,)

crds:
	dotnet run --project $(CLI) -- crds --output config/crd --docs docs/crds.md

# A Kubernetes API emulator in the foreground on 127.0.0.1:$(PORT), with a kubeconfig for it (docs/fake-cluster.md).
PORT ?= 8001
KUBECONFIG_OUT ?= fake-cluster.kubeconfig
fake-cluster:
	dotnet run --project tests/Honeydipper.KubeApi.Emulator -- --port $(PORT) --kubeconfig-out $(KUBECONFIG_OUT)

# The operator tried by hand against the fake cluster and a real Redis (scripts/smoke.sh; CI runs it too).
smoke:
	@bash scripts/smoke.sh

clean:
	dotnet clean $(SLN) -nologo
