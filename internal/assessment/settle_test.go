package assessment

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
)

func TestUnsettled(t *testing.T) {
	p := march(t)
	stale := func(c Case) Case { c.Current = false; return c }
	coApprover := func(answer string, day int) func(*v1alpha1.ApprovalCaseStatus) {
		return func(s *v1alpha1.ApprovalCaseStatus) {
			deadline := at(2009, 3, 31, 17, 30).AddDate(0, 0, day-31)
			s.CoApprovals = []v1alpha1.CoApprovalStatus{{Department: "land", Deadline: mt(deadline), Answer: answer}}
		}
	}
	cases := map[string]struct {
		departments []Department
		cases       []Case
		want        []string
	}{
		"everything written": {
			departments: []Department{dept("water")},
			cases: []Case{
				kase("decided", "water", at(2009, 3, 2, 9, 0), due(at(2009, 3, 31, 17, 30)), byPerson(at(2009, 3, 3, 9, 0))),
				kase("overdue-and-said-so", "water", at(2009, 3, 2, 9, 0), due(at(2009, 3, 31, 17, 30)), withCondition(v1alpha1.ConditionDeadlineExceeded)),
				kase("due-next-month", "water", at(2009, 3, 30, 9, 0), due(at(2009, 4, 3, 17, 30)), coApprover("", 32)),
				kase("withdrawn", "water", at(2009, 3, 2, 9, 0), due(at(2009, 3, 5, 17, 30)), withdrawn),
				kase("co-approver-answered", "water", at(2009, 3, 2, 9, 0), coApprover(string(v1alpha1.OpinionAgree), 31)),
				kase("no-deadline-yet", "water", at(2009, 3, 2, 9, 0)),
			},
		},
		"a department or a case not yet looked at": {
			departments: []Department{{Name: "water"}, dept("land")},
			cases:       []Case{stale(kase("new", "", at(2009, 3, 2, 9, 0)))},
			want:        []string{"case/new", "department/water"},
		},
		"a deadline in the period passed without its outcome written, each case once": {
			cases: []Case{
				kase("silent", "water", at(2009, 3, 2, 9, 0), due(at(2009, 3, 31, 17, 30))),
				kase("silent", "water", at(2009, 3, 2, 9, 0), due(at(2009, 3, 31, 17, 30))),
				kase("co-approver-silent", "water", at(2009, 3, 2, 9, 0), byPerson(at(2009, 3, 3, 9, 0)), coApprover("", 31)),
				kase("from-february", "water", at(2009, 2, 2, 9, 0), due(at(2009, 2, 20, 17, 30))),
			},
			want: []string{"case/co-approver-silent", "case/from-february", "case/silent"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Unsettled(p, tc.departments, tc.cases)); diff != "" {
				t.Errorf("Unsettled() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
