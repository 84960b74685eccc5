// Package plugin is the kubectl onestop plugin: a cobra command tree whose read commands
// (status, cases, explain) fetch objects from the cluster and hand them to the pure
// renderers of package report, and whose offline commands (lint, catalog) read files only.
// cmd/kubectl-onestop only calls Main.
package plugin

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/utils/clock"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/report"
)

// displayName is how kubectl runs the plugin, and how usage and examples name it.
const displayName = "kubectl onestop"

// Options are what the command tree needs from its environment. Tests set them; Main uses
// the process's.
type Options struct {
	Streams genericiooptions.IOStreams
	// Clock tells now: the read commands judge deadlines and phases at it.
	Clock clock.PassiveClock
	// Version is printed by the version command.
	Version string
	// Getenv reads the environment (NO_COLOR); os.Getenv when nil.
	Getenv func(string) string
	// NewClient builds the client from the kubeconfig flags; tests may replace it.
	NewClient func(*genericclioptions.ConfigFlags) (client.Client, error)
}

// ExitError ends the plugin with Code without printing anything more: the command has
// already said what is wrong (lint's findings, import's row errors).
type ExitError struct{ Code int }

func (e ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// Main runs the plugin with the process's arguments and streams and returns the exit code.
func Main(version string) int {
	return Run(Options{
		Streams: genericiooptions.IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr},
		Version: version,
	}, os.Args[1:])
}

// Run runs the command tree on args and returns the exit code: 0, 1 for findings or errors.
func Run(o Options, args []string) int {
	root := NewRootCommand(o)
	root.SetArgs(args)
	err := root.Execute()
	var exit ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.Code
	default:
		fmt.Fprintf(o.Streams.ErrOut, "error: %v\n", err)
		return 1
	}
}

// env holds what every command shares.
type env struct {
	Options
	flags *genericclioptions.ConfigFlags
	color string
}

// NewRootCommand builds the command tree. Its usage reads `kubectl onestop`, which is how
// kubectl runs kubectl-onestop from PATH.
func NewRootCommand(o Options) *cobra.Command {
	if o.Clock == nil {
		o.Clock = clock.RealClock{}
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.NewClient == nil {
		o.NewClient = newClient
	}
	e := &env{Options: o, flags: genericclioptions.NewConfigFlags(true)}
	root := &cobra.Command{
		Use:   "kubectl-onestop",
		Short: "Inspect and operate a county's approval reform run by onestop",
		Long: `kubectl onestop shows what a county's approval reform looks like from the cluster onestop
runs it in, and checks the county's manifests before they get there.

Read the cluster (kubeconfig, context and namespace as kubectl takes them):
  status    the rollout at a glance: the plan's phase, and per department its section or
            representative, windows, relocation and anomalies
  cases     case queues: due today, overdue, decided by timeout consent
  explain   how one case's deadlines were computed, day by day

Work offline, no cluster needed (GitOps pipelines, spreadsheets):
  lint      validate manifests against the shipped CRD schemas, CEL rules and the
            controllers' rules across objects
  catalog   turn the county's item list (CSV or XLSX) into ApprovalItem YAML, and back`,
		Example: examples(
			displayName+" status -n county",
			displayName+" cases -n county --due-today",
			displayName+" explain case-07-timeout-consent -n county",
			displayName+" lint config/samples",
			displayName+" catalog import config/samples/catalog/items.csv > items.yaml",
		),
		Annotations:   map[string]string{cobra.CommandDisplayNameAnnotation: displayName},
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(o.Streams.In)
	root.SetOut(o.Streams.Out)
	root.SetErr(o.Streams.ErrOut)
	e.flags.AddFlags(root.PersistentFlags())
	root.PersistentFlags().StringVar(&e.color, "color", "auto", "colour the output: auto (on a terminal, unless NO_COLOR is set), always or never")

	root.AddCommand(
		newStatusCommand(e),
		newCasesCommand(e),
		newExplainCommand(e),
		newLintCommand(e),
		newCatalogCommand(e),
		newVersionCommand(e),
	)
	return root
}

func newVersionCommand(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the plugin's version",
		Example: "  " + displayName + " version",
		Args:    cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "onestop plugin %s\n", e.Version)
		},
	}
}

// examples indents example lines as cobra shows them.
func examples(lines ...string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		if l != "" {
			b.WriteString("  " + l)
		}
	}
	return b.String()
}

// style decides whether to colour: --color always or never, else only on a terminal and
// when NO_COLOR is not set (https://no-color.org).
func (e *env) style(w io.Writer) report.Style {
	switch e.color {
	case "always":
		return report.Style{Color: true}
	case "never":
		return report.Style{}
	}
	if e.Getenv("NO_COLOR") != "" {
		return report.Style{}
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return report.Style{Color: true}
	}
	return report.Style{}
}

// Scheme knows the onestop kinds and the core ones.
func Scheme() *runtime.Scheme {
	s := runtime.NewScheme()
	_ = clientgoscheme.AddToScheme(s)
	_ = v1alpha1.AddToScheme(s)
	return s
}

func newClient(f *genericclioptions.ConfigFlags) (client.Client, error) {
	cfg, err := f.ToRESTConfig()
	if err != nil {
		return nil, fmt.Errorf("cannot reach a cluster: %w (set --kubeconfig or KUBECONFIG; lint and catalog work without one)", err)
	}
	return client.New(cfg, client.Options{Scheme: Scheme()})
}

// namespace is the namespace the flags or the kubeconfig context name, "default" without.
func (e *env) namespace() (string, error) {
	ns, _, err := e.flags.ToRawKubeConfigLoader().Namespace()
	if err != nil {
		return "", err
	}
	return ns, nil
}

// explicitNamespace is the namespace given with -n, or "" when none was.
func (e *env) explicitNamespace() string {
	if e.flags.Namespace == nil {
		return ""
	}
	return *e.flags.Namespace
}
