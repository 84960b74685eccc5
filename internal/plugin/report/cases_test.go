package report

import (
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
)

// queueNow is a Thursday in the county's first weeks.
var queueNow = at("2009-01-15 10:00")

type caseOpt func(*v1alpha1.ApprovalCase)

func newCase(ns, name, item, dept, received string, opts ...caseOpt) v1alpha1.ApprovalCase {
	c := v1alpha1.ApprovalCase{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec:       v1alpha1.ApprovalCaseSpec{Item: item, ReceivedAt: metav1.NewTime(at(received))},
		Status:     v1alpha1.ApprovalCaseStatus{Department: dept, Phase: v1alpha1.PhaseReceived},
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func mt(s string) *metav1.Time { t := metav1.NewTime(at(s)); return &t }

func notice(s string) caseOpt {
	return func(c *v1alpha1.ApprovalCase) { c.Status.NoticeDeadline = mt(s) }
}

func accepted(s, due string) caseOpt {
	return func(c *v1alpha1.ApprovalCase) {
		c.Status.Phase = v1alpha1.PhaseAccepted
		c.Status.AcceptedAt, c.Status.DecisionDeadline = mt(s), mt(due)
	}
}

func decided(method v1alpha1.DecidedBy, outcome v1alpha1.Outcome, by, when string) caseOpt {
	return func(c *v1alpha1.ApprovalCase) {
		c.Status.Phase = v1alpha1.PhaseDecided
		c.Status.Decision = &v1alpha1.CaseDecision{Method: method, Outcome: outcome, By: by, At: *mt(when)}
	}
}

func condition(types ...string) caseOpt {
	return func(c *v1alpha1.ApprovalCase) {
		for _, t := range types {
			c.Status.Conditions = append(c.Status.Conditions, metav1.Condition{Type: t, Status: metav1.ConditionTrue, Reason: t})
		}
	}
}

func liable(depts ...string) caseOpt {
	return func(c *v1alpha1.ApprovalCase) { c.Status.LiableDepartments = depts }
}

func coTimeout(dept string) caseOpt {
	return func(c *v1alpha1.ApprovalCase) {
		c.Status.CoApprovals = append(c.Status.CoApprovals, v1alpha1.CoApprovalStatus{Department: dept, Answer: string(v1alpha1.DecidedByTimeoutConsent)})
	}
}

// queueCases are one case per situation a queue must tell apart.
func queueCases() ([]v1alpha1.ApprovalCase, map[string]*v1alpha1.ApprovalItem) {
	items := map[string]*v1alpha1.ApprovalItem{}
	for _, it := range []struct{ ns, name, code, dept string }{
		{"county", "building-permit", "JS-001", "construction"},
		{"county", "land-registration", "GT-002", "land"},
		{"county", "name-preapproval", "GS-001", "industry-commerce"},
		{"other", "building-permit", "JS-001", "construction"},
	} {
		items[it.ns+"/"+it.name] = &v1alpha1.ApprovalItem{
			ObjectMeta: metav1.ObjectMeta{Namespace: it.ns, Name: it.name},
			Spec:       v1alpha1.ApprovalItemSpec{Code: it.code, Department: it.dept},
		}
	}
	cases := []v1alpha1.ApprovalCase{
		// Due today: the decision falls at close of business today.
		newCase("county", "c-due-today", "building-permit", "construction", "2008-12-29 09:00",
			notice("2009-01-06 17:30"), accepted("2008-12-29 09:30", "2009-01-15 17:30")),
		// Due today: not accepted, the one correction notice is due today.
		newCase("county", "c-notice-today", "land-registration", "land", "2009-01-08 11:00",
			notice("2009-01-15 17:30")),
		// Open, due tomorrow: in no queue but the plain listing.
		newCase("county", "c-tomorrow", "land-registration", "land", "2009-01-05 11:00",
			notice("2009-01-12 17:30"), accepted("2009-01-05 11:10", "2009-01-16 17:30")),
		// Open and past its deadline: overdue.
		newCase("county", "c-overdue-open", "building-permit", "construction", "2008-12-15 09:00",
			notice("2008-12-22 17:30"), accepted("2008-12-15 09:10", "2009-01-12 17:30"), condition(v1alpha1.ConditionDeadlineExceeded)),
		// Decided after its deadline: overdue on record.
		newCase("county", "c-decided-late", "land-registration", "land", "2008-12-10 09:00",
			notice("2008-12-17 17:30"), accepted("2008-12-10 09:10", "2008-12-24 17:30"),
			decided(v1alpha1.DecidedByPerson, v1alpha1.OutcomeApproved, "yao.jing", "2008-12-26 10:00"), condition(v1alpha1.ConditionDeadlineExceeded)),
		// Decided by timeout consent: the department's silence.
		newCase("county", "c-timeout", "building-permit", "construction", "2008-12-12 09:00",
			notice("2008-12-19 17:30"), accepted("2008-12-12 09:10", "2009-01-05 17:30"),
			decided(v1alpha1.DecidedByTimeoutConsent, v1alpha1.OutcomeTimeoutConsent, "", "2009-01-05 17:30"),
			liable("construction"), condition(v1alpha1.ConditionDecidedByTimeoutConsent)),
		// Decided in time by a person, but a co-approver's silence counted as consent.
		newCase("county", "c-co-silent", "building-permit", "construction", "2008-12-08 10:00",
			notice("2008-12-15 17:30"), accepted("2008-12-08 10:30", "2008-12-29 17:30"), coTimeout("land"),
			decided(v1alpha1.DecidedByPerson, v1alpha1.OutcomeApproved, "wang.fang", "2008-12-26 15:00"),
			liable("land"), condition(v1alpha1.ConditionCoApproverTimedOut)),
		// Withdrawn: settled, in no queue.
		newCase("county", "c-withdrawn", "name-preapproval", "industry-commerce", "2009-01-14 09:00",
			notice("2009-01-21 17:30"), func(c *v1alpha1.ApprovalCase) { c.Status.Phase = v1alpha1.PhaseWithdrawn }),
		// Another county, due today.
		newCase("other", "c-other", "building-permit", "construction", "2009-01-14 09:00",
			notice("2009-01-21 17:30"), accepted("2009-01-14 09:00", "2009-01-15 17:30")),
	}
	return cases, items
}

func TestCaseQueues(t *testing.T) {
	cases, items := queueCases()
	zone := func(*v1alpha1.ApprovalCase) *time.Location { return shanghai }
	var b strings.Builder
	for _, tc := range []struct {
		title         string
		q             Queue
		allNamespaces bool
		want          []string
	}{
		{"all cases of county, by deadline", Queue{}, false, nil},
		{"--due-today -A", Queue{DueToday: true}, true, []string{"c-due-today", "c-notice-today", "c-other"}},
		{"--overdue", Queue{Overdue: true}, false, []string{"c-decided-late", "c-overdue-open"}},
		{"--overdue --open", Queue{Overdue: true, Open: true}, false, []string{"c-overdue-open"}},
		{"--timeout-consent", Queue{TimeoutConsent: true}, false, []string{"c-co-silent", "c-timeout"}},
		{"--overdue --timeout-consent --department construction", Queue{Overdue: true, TimeoutConsent: true, Department: "construction"}, false, []string{"c-co-silent", "c-timeout", "c-overdue-open"}},
		{"--item GT-002 --sort received", Queue{Item: "GT-002", Sort: "received"}, false, []string{"c-decided-late", "c-tomorrow", "c-notice-today"}},
		{"--item land-registration --due-today", Queue{Item: "land-registration", DueToday: true}, false, []string{"c-notice-today"}},
	} {
		var in []v1alpha1.ApprovalCase
		for _, c := range cases {
			if tc.allNamespaces || c.Namespace == "county" {
				in = append(in, c)
			}
		}
		rows := SelectCases(in, items, zone, tc.q, queueNow)
		if tc.want != nil {
			var got []string
			for _, r := range rows {
				got = append(got, r.Name)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("%s: got %v, want %v", tc.title, got, tc.want)
			}
		}
		b.WriteString("$ kubectl onestop cases " + tc.title + "\n")
		if err := RenderCases(&b, rows, tc.allNamespaces, queueNow, Style{}); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
	}
	golden(t, "testdata/cases.golden", b.String())
}

// TestCasesSamples lists the seed county's cases once every deadline has passed.
func TestCasesSamples(t *testing.T) {
	s := sampleCounty(t)
	now := at("2009-03-02 09:00")
	settle(t, s, now)
	var cases []v1alpha1.ApprovalCase
	items := map[string]*v1alpha1.ApprovalItem{}
	for _, c := range s.Cases {
		cases = append(cases, *c)
	}
	for _, it := range s.Items {
		items[it.Namespace+"/"+it.Name] = it
	}
	zone := func(*v1alpha1.ApprovalCase) *time.Location { return shanghai }
	var b strings.Builder
	for _, tc := range []struct {
		title string
		q     Queue
	}{{"-n county", Queue{}}, {"-n county --timeout-consent", Queue{TimeoutConsent: true}}, {"-n county --overdue", Queue{Overdue: true}}} {
		b.WriteString("$ kubectl onestop cases " + tc.title + "\n")
		if err := RenderCases(&b, SelectCases(cases, items, zone, tc.q, now), false, now, Style{}); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
	}
	golden(t, "testdata/cases-samples.golden", b.String())
}

func TestRenderCasesColour(t *testing.T) {
	cases, items := queueCases()
	zone := func(*v1alpha1.ApprovalCase) *time.Location { return shanghai }
	rows := SelectCases(cases[:1], items, zone, Queue{}, queueNow)
	var plain, colour strings.Builder
	_ = RenderCases(&plain, rows, false, queueNow, Style{})
	_ = RenderCases(&colour, rows, false, queueNow, Style{Color: true})
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain output carries escape sequences")
	}
	if !strings.Contains(colour.String(), "\x1b[33m2009-01-15 17:30 CST (today)\x1b[0m") {
		t.Errorf("a deadline due today is not yellow on a terminal:\n%q", colour.String())
	}
}
