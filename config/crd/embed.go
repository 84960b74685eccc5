// Package crd ships the generated CustomResourceDefinitions (bases/, written by
// `make manifests`) inside the binaries that need them: the kubectl plugin validates manifests
// offline against the same schemas and CEL rules the API server applies.
package crd

import "embed"

// Bases holds bases/*.yaml, one CRD per file.
//
//go:embed bases/*.yaml
var Bases embed.FS
