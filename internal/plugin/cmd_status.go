package plugin

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/plugin/report"
)

func newStatusCommand(e *env) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "The rollout at a glance: the plan's phase and days left, and every department's part",
		Long: `Show the reform's rollout in a namespace (one county), as onestop's reconcilers recorded it:

  - each ReformPlan: its current phase and dates, when the phase is due and how many days
    (and working days) are left, the departments overdue or late, and each phase's counts;
  - each Department: its batch, its approval-service section or, without one, its chief
    representative, its windows (temporary ones counted), the relocation of the items it must
    handle in the Center as a bar and a ratio, the plan's verdict, Ready and the anomalies
    that hold.

Colours mark what needs attention on a terminal; piped output is plain (so is NO_COLOR=1 or
--color never). -o json|yaml prints the same figures for machines.`,
		Example: examples(
			displayName+" status -n county",
			displayName+" status -n county -o json | jq '.departments[] | select(.anomalies)'",
		),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "" && output != "json" && output != "yaml" {
				return fmt.Errorf("--output %q is not supported: use json or yaml, or leave it out for text", output)
			}
			s, err := fetchStatus(cmd.Context(), e)
			if err != nil {
				return err
			}
			return printReport(e, output, s, func() error {
				return report.RenderStatus(e.Streams.Out, s, e.style(e.Streams.Out))
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "json or yaml; text when empty")
	return cmd
}

func fetchStatus(ctx context.Context, e *env) (report.Status, error) {
	c, err := e.NewClient(e.flags)
	if err != nil {
		return report.Status{}, err
	}
	ns, err := e.namespace()
	if err != nil {
		return report.Status{}, err
	}
	plans := &v1alpha1.ReformPlanList{}
	depts := &v1alpha1.DepartmentList{}
	windows := &v1alpha1.ServiceWindowList{}
	for _, l := range []client.ObjectList{depts, windows} {
		if err := c.List(ctx, l, client.InNamespace(ns)); err != nil {
			return report.Status{}, err
		}
	}
	if err := c.List(ctx, plans, client.InNamespace(ns)); err != nil {
		if !apierrors.IsForbidden(err) {
			return report.Status{}, err
		}
		fmt.Fprintf(e.Streams.ErrOut, "warning: cannot read ReformPlans (%v): the rollout's phases are not shown\n", err)
	}
	cals, err := fetchCalendars(ctx, c, e.Streams.ErrOut)
	if err != nil {
		return report.Status{}, err
	}
	calendars := func(name string) *calendar.Calendar {
		wc, ok := cals[name]
		if !ok {
			return nil
		}
		cal, err := calendar.FromWorkCalendar(name, wc.Spec)
		if err != nil {
			return nil
		}
		return cal
	}
	if len(depts.Items) == 0 && len(plans.Items) == 0 {
		return report.Status{}, fmt.Errorf("namespace %s has no Department and no ReformPlan: name the county's namespace with -n", ns)
	}
	return report.BuildStatus(ns, plans.Items, depts.Items, windows.Items, calendars, e.Clock.Now()), nil
}
