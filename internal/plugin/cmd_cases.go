package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/report"
)

type casesOptions struct {
	queue         report.Queue
	allNamespaces bool
	print         *genericclioptions.PrintFlags
}

func newCasesCommand(e *env) *cobra.Command {
	o := &casesOptions{print: genericclioptions.NewPrintFlags("").WithTypeSetter(Scheme())}
	cmd := &cobra.Command{
		Use:   "cases",
		Short: "Case queues: due today, overdue, decided by timeout consent",
		Long: `List the namespace's ApprovalCases as onestop's case reconciler computed them, by deadline.

Queues (several together list the cases in any of them):
  --due-today        open cases whose next deadline falls today in the jurisdiction's time:
                     the correction notice while a case is not accepted, then the decision
                     (on the spot for category 1 and 2 items)
  --overdue          cases past their deadline (DeadlineExceeded): open, or decided late
  --timeout-consent  cases decided by timeout consent (超时默许), or in which a co-approving
                     department was deemed to consent by its silence

Filters narrow any listing: --department, --item (name or code), --open. DECIDED BY names the
person who decided, or TimeoutConsent / DeemedRefusal when the law decided; LIABLE names the
departments whose silence decided. -o json|yaml prints the cases themselves.`,
		Example: examples(
			"# What must be decided today, across every county",
			displayName+" cases --due-today -A",
			"",
			"# The overdue and silently approved cases of one department",
			displayName+" cases -n county --overdue --timeout-consent --department commerce",
			"",
			"# One item's cases, oldest application first, as YAML",
			displayName+" cases -n county --item GS-002 --sort received -o yaml",
		),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), e)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.queue.DueToday, "due-today", false, "open cases whose next deadline is today")
	f.BoolVar(&o.queue.Overdue, "overdue", false, "cases past their deadline")
	f.BoolVar(&o.queue.TimeoutConsent, "timeout-consent", false, "cases decided, in whole or in part, by timeout consent")
	f.BoolVar(&o.queue.Open, "open", false, "only cases not yet decided or withdrawn")
	f.StringVar(&o.queue.Department, "department", "", "only the cases of this department's items (the Department's name)")
	f.StringVar(&o.queue.Item, "item", "", "only the cases of this item (the ApprovalItem's name or its code)")
	f.StringVar(&o.queue.Sort, "sort", "deadline", "sort by deadline or received")
	f.BoolVarP(&o.allNamespaces, "all-namespaces", "A", false, "list the cases of every namespace")
	o.print.AddFlags(cmd)
	return cmd
}

func (o *casesOptions) run(ctx context.Context, e *env) error {
	if o.queue.Sort != "deadline" && o.queue.Sort != "received" {
		return fmt.Errorf("--sort %q is not supported: use deadline or received", o.queue.Sort)
	}
	c, err := e.NewClient(e.flags)
	if err != nil {
		return err
	}
	var opts []client.ListOption
	if !o.allNamespaces {
		ns, err := e.namespace()
		if err != nil {
			return err
		}
		opts = append(opts, client.InNamespace(ns))
	}
	cases := &v1alpha1.ApprovalCaseList{}
	items := &v1alpha1.ApprovalItemList{}
	centers := &v1alpha1.ServiceCenterList{}
	for _, l := range []client.ObjectList{cases, items, centers} {
		if err := c.List(ctx, l, opts...); err != nil {
			return err
		}
	}
	cals, err := fetchCalendars(ctx, c, e.Streams.ErrOut)
	if err != nil {
		return err
	}
	itemByKey := map[string]*v1alpha1.ApprovalItem{}
	for i := range items.Items {
		it := &items.Items[i]
		itemByKey[it.Namespace+"/"+it.Name] = it
	}
	centerByKey := map[string]*v1alpha1.ServiceCenter{}
	for i := range centers.Items {
		ce := &centers.Items[i]
		centerByKey[ce.Namespace+"/"+ce.Name] = ce
	}
	z := &zones{calendars: cals}
	zone := func(k *v1alpha1.ApprovalCase) *time.Location {
		center := k.Spec.Intake.Center
		if center == "" {
			if it, ok := itemByKey[k.Namespace+"/"+k.Spec.Item]; ok {
				center = it.Spec.Center
			}
		}
		if ce, ok := centerByKey[k.Namespace+"/"+center]; ok {
			return z.of(ce.Spec.Calendar)
		}
		return nil
	}
	now := e.Clock.Now()
	rows := report.SelectCases(cases.Items, itemByKey, zone, o.queue, now)

	if o.print.OutputFormat != nil && *o.print.OutputFormat != "" {
		printer, err := o.print.ToPrinter()
		if err != nil {
			return err
		}
		byKey := map[string]v1alpha1.ApprovalCase{}
		for _, k := range cases.Items {
			byKey[k.Namespace+"/"+k.Name] = k
		}
		out := &v1alpha1.ApprovalCaseList{}
		for _, r := range rows {
			out.Items = append(out.Items, byKey[r.Namespace+"/"+r.Name])
		}
		if *o.print.OutputFormat == "name" {
			for i := range out.Items {
				if err := printer.PrintObj(&out.Items[i], e.Streams.Out); err != nil {
					return err
				}
			}
			return nil
		}
		return printer.PrintObj(out, e.Streams.Out)
	}
	return report.RenderCases(e.Streams.Out, rows, o.allNamespaces, now, e.style(e.Streams.Out))
}
