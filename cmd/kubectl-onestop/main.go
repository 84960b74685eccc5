// Command kubectl-onestop is the onestop kubectl plugin: installed on PATH, it runs as
// `kubectl onestop ...`.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if err := newRootCommand().Execute(); err != nil {
		os.Exit(1)
	}
}

// newRootCommand builds the command tree. Its usage reads `kubectl onestop`, which is how
// kubectl runs kubectl-onestop from PATH.
func newRootCommand() *cobra.Command {
	const use = "kubectl onestop"
	root := &cobra.Command{
		Use:          "kubectl-onestop",
		Short:        "Inspect and operate a county's approval reform run by onestop",
		Annotations:  map[string]string{cobra.CommandDisplayNameAnnotation: use},
		SilenceUsage: true,
	}
	root.AddCommand(&cobra.Command{
		Use:     "version",
		Short:   "Print the plugin's version",
		Example: "  " + use + " version",
		Args:    cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "onestop plugin %s\n", version)
		},
	})
	return root
}
