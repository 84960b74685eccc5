package plugin

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/report"
)

func newExplainCommand(e *env) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "explain CASE",
		Short: "Explain how a case's deadlines were computed, working day by working day",
		Long: `Explain one ApprovalCase: when it was received and accepted (or deemed accepted), each
deadline (the correction notice, on the spot, the decision, each co-approver) with the working
days counted and the holidays, weekends and adjusted working days (调休) skipped or counted,
the extension and clock stops added, the outcome and who is liable for silence.

The deadlines are computed again now with onestop's statutory clock, from the case, its item,
its department's staff and its center's WorkCalendar, exactly as the case reconciler does;
any difference from the status the reconciler recorded is shown at the end.`,
		Example: examples(
			displayName+" explain case-07-timeout-consent -n county",
			displayName+" explain case-11-clock-stop -n county -o yaml",
		),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "" && output != "json" && output != "yaml" {
				return fmt.Errorf("--output %q is not supported: use json or yaml, or leave it out for text", output)
			}
			ex, err := explainCase(cmd.Context(), e, args[0])
			if err != nil {
				return err
			}
			return printReport(e, output, ex, func() error {
				return report.RenderExplanation(e.Streams.Out, ex, e.style(e.Streams.Out))
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "json or yaml; text when empty")
	return cmd
}

func explainCase(ctx context.Context, e *env, name string) (report.Explanation, error) {
	c, err := e.NewClient(e.flags)
	if err != nil {
		return report.Explanation{}, err
	}
	ns, err := e.namespace()
	if err != nil {
		return report.Explanation{}, err
	}
	k := &v1alpha1.ApprovalCase{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: ns, Name: name}, k); err != nil {
		if apierrors.IsNotFound(err) {
			return report.Explanation{}, fmt.Errorf("no ApprovalCase %q in namespace %s (list them with `%s cases -n %s`)", name, ns, displayName, ns)
		}
		return report.Explanation{}, err
	}
	s, err := fetchCounty(ctx, c, ns)
	if err != nil {
		return report.Explanation{}, err
	}
	facts, ok := s.CaseFacts(k)
	if !ok {
		return report.Explanation{}, fmt.Errorf("case %s names ApprovalItem %q, which does not exist in namespace %s: no deadline runs", name, k.Spec.Item, ns)
	}
	calName := s.CaseCalendar(k)
	cal, found, err := calendarOf(s, calName)
	switch {
	case calName == "":
		return report.Explanation{}, fmt.Errorf("case %s counts its deadlines on the calendar of center %q, which does not exist in namespace %s", name, s.CaseCenter(k), ns)
	case !found:
		return report.Explanation{}, fmt.Errorf("case %s counts its deadlines on WorkCalendar %q (of center %s), which does not exist", name, calName, s.CaseCenter(k))
	case err != nil:
		return report.Explanation{}, fmt.Errorf("case %s counts its deadlines on WorkCalendar %q, whose data is invalid: %w", name, calName, err)
	}
	return report.Explain(k, facts, cal, calName, e.Clock.Now())
}

// printReport prints a report as JSON or YAML, or calls text.
func printReport(e *env, output string, v interface{}, text func() error) error {
	switch output {
	case "json":
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.Streams.Out, string(b))
		return err
	case "yaml":
		b, err := yaml.Marshal(v)
		if err != nil {
			return err
		}
		_, err = e.Streams.Out.Write(b)
		return err
	}
	return text()
}
