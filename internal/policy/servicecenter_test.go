package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

func TestCenterParent(t *testing.T) {
	cases := map[string]struct {
		facts CenterFacts
		want  *conditions.Finding
	}{
		"the Center has no parent":   {facts: CenterFacts{Namespace: "county", Name: "center"}},
		"sub-center with its parent": {facts: CenterFacts{Namespace: "county", Name: "traffic", Parent: "center", ParentExists: true}},
		"sub-center whose parent is missing waits for it": {
			facts: CenterFacts{Namespace: "county", Name: "traffic", Parent: "center"},
			want: &conditions.Finding{
				Type:    conditions.Reconciling,
				Reason:  v1alpha1.ReasonParentNotFound,
				Message: `Center traffic names ServiceCenter "center" in spec.parent, which does not exist in namespace county: create it or correct spec.parent.`,
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CenterParent(tc.facts)); diff != "" {
				t.Errorf("CenterParent() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCenterHostDepartment(t *testing.T) {
	cases := map[string]struct {
		facts CenterFacts
		want  *conditions.Finding
	}{
		"the Center has no host department": {facts: CenterFacts{Namespace: "county", Name: "county-center", Capacity: 36}},
		"sub-center whose host department exists": {
			facts: CenterFacts{Namespace: "county", Name: "real-estate", Parent: "county-center", ParentExists: true, HostDepartment: "construction", HostDepartmentExists: true},
		},
		"sub-center whose host department is missing waits for it": {
			facts: CenterFacts{Namespace: "county", Name: "real-estate", Parent: "county-center", ParentExists: true, HostDepartment: "construction"},
			want: &conditions.Finding{
				Type:    conditions.Reconciling,
				Reason:  v1alpha1.ReasonHostDepartmentNotFound,
				Message: `Center real-estate names Department "construction" in spec.hostDepartment, which does not exist in namespace county: create it or correct spec.hostDepartment.`,
			},
		},
		"missing host department is reported whether or not the parent exists": {
			facts: CenterFacts{Namespace: "county", Name: "social-security", Parent: "county-center", HostDepartment: "hr-labour"},
			want: &conditions.Finding{
				Type:    conditions.Reconciling,
				Reason:  v1alpha1.ReasonHostDepartmentNotFound,
				Message: `Center social-security names Department "hr-labour" in spec.hostDepartment, which does not exist in namespace county: create it or correct spec.hostDepartment.`,
			},
		},
		// The API allows a host department on a center without a parent; the message calls
		// it a center either way.
		"the Center itself naming a missing host department is called a center": {
			facts: CenterFacts{Namespace: "county", Name: "county-center", HostDepartment: "county-office"},
			want: &conditions.Finding{
				Type:    conditions.Reconciling,
				Reason:  v1alpha1.ReasonHostDepartmentNotFound,
				Message: `Center county-center names Department "county-office" in spec.hostDepartment, which does not exist in namespace county: create it or correct spec.hostDepartment.`,
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CenterHostDepartment(tc.facts)); diff != "" {
				t.Errorf("CenterHostDepartment() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCenterCapacity(t *testing.T) {
	agri := CenterFacts{Namespace: "county", Name: "agri-machinery", Parent: "county-center", ParentExists: true, HostDepartment: "agricultural-economy", HostDepartmentExists: true, Capacity: 3}
	closed := CenterFacts{Namespace: "county", Name: "agri-machinery", Capacity: 0}
	negative := CenterFacts{Namespace: "county", Name: "agri-machinery", Capacity: -1}
	cases := map[string]struct {
		facts   CenterFacts
		windows []string
		want    *conditions.Finding
	}{
		"no windows":                             {facts: agri},
		"room to spare":                          {facts: agri, windows: []string{"agri-economy-a01", "agri-economy-a02"}},
		"exactly at capacity":                    {facts: agri, windows: []string{"agri-economy-a01", "agri-economy-a02", "agri-economy-a03"}},
		"capacity 0 and no windows holds":        {facts: closed},
		"negative capacity and no windows holds": {facts: negative},
		"one over names the last window": {
			facts:   agri,
			windows: []string{"agri-economy-a01", "agri-economy-a02", "agri-economy-a03", "traffic-police-a04"},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionOverCapacity,
				Reason:  v1alpha1.ConditionOverCapacity,
				Message: "Center agri-machinery has room for 3 windows but 4 are declared; over capacity: traffic-police-a04. Move them to a sub-center or a temporary schedule, or raise spec.capacityWindows when the site grows.",
			},
		},
		"several over are named, oldest first": {
			facts:   agri,
			windows: []string{"agri-economy-a01", "agri-economy-a02", "agri-economy-a03", "traffic-police-a04", "tobacco-b07"},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionOverCapacity,
				Reason:  v1alpha1.ConditionOverCapacity,
				Message: "Center agri-machinery has room for 3 windows but 5 are declared; over capacity: traffic-police-a04, tobacco-b07. Move them to a sub-center or a temporary schedule, or raise spec.capacityWindows when the site grows.",
			},
		},
		"capacity 0 with windows names every window": {
			facts:   closed,
			windows: []string{"agri-economy-a01", "agri-economy-a02"},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionOverCapacity,
				Reason:  v1alpha1.ConditionOverCapacity,
				Message: "Center agri-machinery has room for 0 windows but 2 are declared; over capacity: agri-economy-a01, agri-economy-a02. Move them to a sub-center or a temporary schedule, or raise spec.capacityWindows when the site grows.",
			},
		},
		// The API server should reject a negative capacity; the rule treats it as 0 rather
		// than slicing out of range, and the message repeats the value as given.
		"negative capacity does not panic and names every window": {
			facts:   negative,
			windows: []string{"agri-economy-a01", "agri-economy-a02"},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionOverCapacity,
				Reason:  v1alpha1.ConditionOverCapacity,
				Message: "Center agri-machinery has room for -1 windows but 2 are declared; over capacity: agri-economy-a01, agri-economy-a02. Move them to a sub-center or a temporary schedule, or raise spec.capacityWindows when the site grows.",
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CenterCapacity(tc.facts, tc.windows)); diff != "" {
				t.Errorf("CenterCapacity() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCenterFindings(t *testing.T) {
	full := []string{"construction-a01", "hr-labour-b03"}
	cases := map[string]struct {
		facts   CenterFacts
		windows []string
		want    []conditions.Finding
	}{
		"the Center with room": {
			facts:   CenterFacts{Namespace: "county", Name: "county-center", Capacity: 36},
			windows: full,
		},
		"sub-center with its parent and host, at capacity": {
			facts:   CenterFacts{Namespace: "county", Name: "real-estate", Parent: "county-center", ParentExists: true, HostDepartment: "construction", HostDepartmentExists: true, Capacity: 2},
			windows: full,
		},
		"only over capacity": {
			facts:   CenterFacts{Namespace: "county", Name: "county-center", Capacity: 1},
			windows: full,
			want: []conditions.Finding{
				{Type: v1alpha1.ConditionOverCapacity, Reason: v1alpha1.ConditionOverCapacity},
			},
		},
		// Both dependency findings share the type Reconciling; conditions.Apply folds them into
		// one condition with the first reason and both messages.
		"parent, host department, then capacity": {
			facts:   CenterFacts{Namespace: "county", Name: "real-estate", Parent: "county-center", HostDepartment: "construction", Capacity: 1},
			windows: full,
			want: []conditions.Finding{
				{Type: conditions.Reconciling, Reason: v1alpha1.ReasonParentNotFound},
				{Type: conditions.Reconciling, Reason: v1alpha1.ReasonHostDepartmentNotFound},
				{Type: v1alpha1.ConditionOverCapacity, Reason: v1alpha1.ConditionOverCapacity},
			},
		},
		"host department before capacity": {
			facts:   CenterFacts{Namespace: "county", Name: "real-estate", Parent: "county-center", ParentExists: true, HostDepartment: "construction", Capacity: 1},
			windows: full,
			want: []conditions.Finding{
				{Type: conditions.Reconciling, Reason: v1alpha1.ReasonHostDepartmentNotFound},
				{Type: v1alpha1.ConditionOverCapacity, Reason: v1alpha1.ConditionOverCapacity},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := CenterFindings(tc.facts, tc.windows)
			if diff := cmp.Diff(tc.want, pinned(tc.want, got)); diff != "" {
				t.Errorf("CenterFindings() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
