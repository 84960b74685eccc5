package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"onestop.dev/onestop/internal/plugin/lint"
	"onestop.dev/onestop/internal/plugin/manifest"
	"onestop.dev/onestop/internal/plugin/validate"
)

type lintOptions struct {
	output   string
	strict   bool
	external []string
	timeZone string
}

func newLintCommand(e *env) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint DIR|FILE...",
		Short: "Validate manifests offline: CRD schemas, CEL rules and the controllers' rules",
		Long: `Validate onestop manifests without a cluster, as a GitOps pipeline needs before it applies them.

Every YAML document of the files given is read (folders are walked for *.yaml and *.yml;
kustomization files, the patches they name and other kinds are skipped). Each onestop object
is checked as the API server would check its creation, against the CRD schemas and CEL rules
shipped in this binary. Then the whole set is checked with the rules the controllers apply
across objects: item codes are unique, every department, center, section, item, window and
calendar named is declared, each calendar's data holds together and covers the dates the
cases' deadlines need.

An object with no namespace lands in the namespace of the nearest kustomization.yaml above it
(kustomize's namespace:), else in the one given with -n, else "default".

Errors are what the API server would refuse or no controller can resolve; lint exits 1 when
it finds one. Warnings are anomalies the controllers would report on valid objects (an item
not relocated, a staffing plan awaiting approval, temporary staff): the manifests are fine,
the county has work to do. --strict makes warnings fail too.

Findings print as file:line: Kind/name: message; -o json prints them for machines.`,
		Example: examples(
			"# Lint the sample county (the anomalies overlay gives warnings, not errors)",
			displayName+" lint config/samples",
			"",
			"# Fail on warnings too, and read the calendars from elsewhere",
			displayName+" lint --strict --external WorkCalendar deploy/county/",
			"",
			"# Findings for a pipeline's annotations",
			displayName+" lint -o json config/ | jq -r '.findings[] | \"\\(.file):\\(.line): \\(.message)\"'",
		),
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), e, args)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "text", "output format: text or json")
	cmd.Flags().BoolVar(&o.strict, "strict", false, "exit 1 on warnings too")
	cmd.Flags().StringSliceVar(&o.external, "external", nil, "kinds managed outside these files (e.g. WorkCalendar): references to them are not checked")
	cmd.Flags().StringVar(&o.timeZone, "time-zone", "Asia/Shanghai", "the zone certificate expiry dates are read in, as the manager's")
	return cmd
}

func (o *lintOptions) run(ctx context.Context, e *env, paths []string) error {
	if o.output != "text" && o.output != "json" {
		return fmt.Errorf("--output %q is not supported: use text or json", o.output)
	}
	loc, err := time.LoadLocation(o.timeZone)
	if err != nil {
		return fmt.Errorf("--time-zone %q: %w", o.timeZone, err)
	}
	ns := e.explicitNamespace()
	if ns == "" {
		ns = "default"
	}
	set, err := manifest.Load(paths, ns)
	if err != nil {
		return err
	}
	v, err := validate.Shipped()
	if err != nil {
		return fmt.Errorf("the CRDs shipped in the plugin do not load: %w", err)
	}
	res := lint.Run(ctx, set, v, lint.Options{Now: e.Clock.Now(), Location: loc, External: o.external})
	out := e.Streams.Out
	if o.output == "json" {
		if res.Findings == nil {
			res.Findings = []lint.Finding{}
		}
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(out, string(b))
	} else {
		st := e.style(out)
		for _, f := range res.Findings {
			line := f.String()
			if f.Severity == lint.Error {
				line = st.Red(line)
			} else {
				line = st.Yellow(line)
			}
			fmt.Fprintln(out, line)
		}
		fmt.Fprintf(e.Streams.ErrOut, "lint: %d %s, %d onestop %s (%d other %s skipped): %d %s, %d %s\n",
			res.Files, plural(res.Files, "file", "files"), res.Objects, plural(res.Objects, "object", "objects"),
			res.Skipped, plural(res.Skipped, "document", "documents"),
			res.Errors, plural(res.Errors, "error", "errors"), res.Warnings, plural(res.Warnings, "warning", "warnings"))
	}
	if res.Errors > 0 || (o.strict && res.Warnings > 0) {
		return ExitError{Code: 1}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
