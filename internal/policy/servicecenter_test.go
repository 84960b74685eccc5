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
				Message: `Sub-center traffic names parent center "center", which does not exist in namespace county: create ServiceCenter "center" or correct spec.parent.`,
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
