// Command kubectl-onestop is the onestop kubectl plugin: installed on PATH, it runs as
// `kubectl onestop ...`. The commands live in internal/plugin.
package main

import (
	"os"

	"onestop.dev/onestop/internal/plugin"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(plugin.Main(version))
}
