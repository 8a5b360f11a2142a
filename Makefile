# The two commands a newcomer needs are `make run` and `make test` (see README.md).
SLN := Honeydipper.Operator.sln
CLI := src/Honeydipper.Cli/Honeydipper.Cli.csproj
EXAMPLE ?= examples/quickstart
CONFIG ?= $(EXAMPLE)

.PHONY: build test run validate bench crds clean

build:
	dotnet build $(SLN) -nologo -clp:ErrorsOnly

test:
	@bash scripts/test.sh

run:
	dotnet run --project $(CLI) -- validate $(EXAMPLE)

validate:
	dotnet run --project $(CLI) -- validate $(CONFIG)

bench:
	dotnet run -c Release --project tests/Honeydipper.Benchmarks -- $(if $(QUICK),--quick,)

crds:
	dotnet run --project $(CLI) -- crds --output config/crd

clean:
	dotnet clean $(SLN) -nologo
