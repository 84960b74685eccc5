# onestop: `make run` starts a local control plane and the manager; `make test` is what CI runs.
SHELL := /usr/bin/env bash -o pipefail
.SHELLFLAGS := -ec
.DEFAULT_GOAL := help

CONTROLLER_GEN := go tool controller-gen
# The directory holding etcd, kube-apiserver and kubectl, built once per machine.
ENVTEST_ASSETS = $(shell hack/controlplane-build.sh | tail -n 1)
# Packages with pure tests: everything but the suites that need a control plane.
UNIT_PKGS = $(shell go list ./... | grep -v '/test/')

##@ General

.PHONY: help
help: ## Show the targets.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make \033[36m<target>\033[0m\n"} /^[a-zA-Z_0-9-]+:.*?##/ { printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) } ' $(MAKEFILE_LIST)

##@ Development

.PHONY: manifests
manifests: ## Write CRDs (config/crd/bases) and the manager's RBAC role (config/rbac) from the markers, and copy both into the chart.
	$(CONTROLLER_GEN) rbac:roleName=onestop-manager crd paths="./..." output:crd:artifacts:config=config/crd/bases output:rbac:artifacts:config=config/rbac
	hack/sync-generated.sh

.PHONY: generate
generate: ## Write DeepCopy methods (zz_generated.deepcopy.go) from the markers.
	$(CONTROLLER_GEN) object:headerFile="hack/boilerplate.go.txt" paths="./..."

.PHONY: verify
verify: ## Fail when generated files are stale or Go files are not gofmt'ed.
	hack/verify-generated.sh
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

.PHONY: vet
vet: ## Run go vet.
	go vet ./...

.PHONY: test
test: verify vet test-unit test-envtest ## Everything CI runs: verify, vet, unit tests, envtest suites.

.PHONY: test-unit
test-unit: ## Pure tests only: no control plane, seconds.
	go test $(UNIT_PKGS)

.PHONY: test-envtest
test-envtest: ## Ginkgo suites against a real kube-apiserver and etcd (built once per machine).
	KUBEBUILDER_ASSETS="$(ENVTEST_ASSETS)" go test -count=1 -v ./test/...

.PHONY: envtest-assets
envtest-assets: ## Build the control plane once and print the directory to use as KUBEBUILDER_ASSETS.
	@hack/controlplane-build.sh | tail -n 1

##@ Build and run

.PHONY: build
build: ## Build the manager and the kubectl plugin into bin/.
	go build -o bin/manager ./cmd/manager
	go build -o bin/kubectl-onestop ./cmd/kubectl-onestop

.PHONY: run
run: ## Run the manager: against your cluster if KUBECONFIG reaches one, else on a local control plane (LOCAL=1 forces it).
	go build -o bin/manager ./cmd/manager
	go build -o bin/localcluster ./hack/localcluster
	bin/localcluster --assets "$(ENVTEST_ASSETS)" --manager bin/manager $(if $(LOCAL),--local)

.PHONY: bench
bench: ## Benchmarks against a real API server, each figure beside its reference (docs/performance.md; scale with BENCH_ARGS).
	hack/controlplane-build.sh kube-controller-manager >/dev/null
	KUBEBUILDER_ASSETS="$(ENVTEST_ASSETS)" go run ./test/bench $(BENCH_ARGS)
