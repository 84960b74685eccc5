// Package plugintest builds the objects the plugin's tests feed its commands: the seed
// county of config/samples read from disk, and the status the reconcilers would record on
// its cases. Only tests import it.
package plugintest

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/deadline"
	"onestop.dev/onestop/internal/plugin/county"
)

// Root is the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// SampleCounty reads the seed county of config/samples/base (namespace county).
func SampleCounty() (*county.Snapshot, error) {
	all, err := county.Load(context.Background(), []string{filepath.Join(Root(), "config", "samples", "base")}, "default")
	if err != nil {
		return nil, err
	}
	s := all["county"]
	if s == nil || len(s.Cases) == 0 {
		return nil, fmt.Errorf("no county namespace with cases in config/samples/base")
	}
	return s, nil
}

// Settle writes each case's status as the case reconciler would at now: the statutory
// clock's result, and its findings as conditions.
func Settle(s *county.Snapshot, now time.Time) error {
	names := make([]string, 0, len(s.Cases))
	for n := range s.Cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := s.Cases[n]
		f, ok := s.CaseFacts(c)
		if !ok {
			return fmt.Errorf("case %s: item %s not found", n, c.Spec.Item)
		}
		cal, _, err := s.Calendar(s.CaseCalendar(c))
		if err != nil {
			return err
		}
		res, err := deadline.Evaluate(f, cal, now)
		if err != nil {
			return err
		}
		st := &c.Status
		st.ObservedGeneration = c.Generation
		st.Phase = res.Phase
		st.Department = f.Item.Department
		st.NoticeDeadline = metaTime(res.NoticeDeadline)
		st.AcceptedAt = metaTime(res.AcceptedAt)
		st.OnTheSpotDeadline = metaTime(res.OnTheSpotDeadline)
		st.DecisionDeadline = metaTime(res.DecisionDeadline)
		st.Due = ""
		if res.DecisionDeadline != nil {
			st.Due = res.DecisionDeadline.In(cal.Location()).Format("2006-01-02 15:04 MST")
		}
		st.CoApprovals = res.CoApprovals
		st.Decision = res.Decision
		st.LiableDepartments = res.Liable
		st.OnTime = res.OnTime
		var types []string
		for _, fd := range res.Findings {
			types = append(types, fd.Type)
		}
		st.Conditions = conditions.Apply(nil, conditions.Report{Generation: c.Generation, Now: now, Anomalies: types, Findings: res.Findings,
			ReadyReason: v1alpha1.ReasonReconciled, ReadyMessage: "The case is on time and in order.", Final: res.Decision != nil})
	}
	return nil
}

func metaTime(t *time.Time) *metav1.Time {
	if t == nil {
		return nil
	}
	return &metav1.Time{Time: *t}
}
