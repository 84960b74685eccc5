package report

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestExplainSamples explains the sample cases whose deadlines cross holidays, adjusted
// working days, a late notice, an extension, a clock stop and parallel approval, after every
// deadline has passed. config/samples/cases.md computes the same deadlines by hand.
func TestExplainSamples(t *testing.T) {
	s := sampleCounty(t)
	now := at("2009-03-02 09:00")
	settle(t, s, now)
	var b strings.Builder
	for _, name := range []string{
		"case-02-on-the-spot-missed", "case-04-late-notice", "case-06-parallel", "case-07-timeout-consent",
		"case-10-extension", "case-11-clock-stop", "case-13-withdrawn",
	} {
		c := s.Cases[name]
		f, _ := s.CaseFacts(c)
		cal, _, err := s.Calendar(s.CaseCalendar(c))
		if err != nil {
			t.Fatal(err)
		}
		e, err := Explain(c, f, cal, s.CaseCalendar(c), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Differences) > 0 {
			t.Errorf("%s: the explanation disagrees with the status the clock wrote: %v", name, e.Differences)
		}
		if err := RenderExplanation(&b, e, Style{}); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
	}
	golden(t, "testdata/explain.golden", b.String())
	out := b.String()
	// What an official checks by hand (config/samples/cases.md).
	for _, want := range []string{
		// the late notice: 5 working days over New Year end Monday 2009-01-05 (Sunday 01-04 counts)
		"2009-01-04 Sun: adjusted working day 元旦调休, working day 4",
		"Correction notice (Art. 32), due 2009-01-05 17:30 CST",
		// the extension is added to the promised limit
		"10 (limit) + 8 (extension) = 18 working days after acceptance",
		// the clock stop's working days are listed and added
		"Clock stop ExpertReview 2009-01-07 .. 2009-01-14: 6 working days not counted (Art. 45): 2009-01-07, 2009-01-08, 2009-01-09, 2009-01-12, 2009-01-13, 2009-01-14.",
		"10 (limit) + 6 (clock stops) = 16 working days after acceptance",
		// the silent co-approver is liable
		"animal-husbandry: 10 working days from acceptance, due 2008-12-22 17:30 CST: silent past its limit, deemed to consent (超时默许) and liable.",
		// timeout consent is not a person's decision
		"by law, not by a person",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explanation lacks %q", want)
		}
	}
}

// TestExplainJSON: -o json carries the same sections for machines.
func TestExplainJSON(t *testing.T) {
	s := sampleCounty(t)
	now := at("2009-03-02 09:00")
	settle(t, s, now)
	c := s.Cases["case-11-clock-stop"]
	f, _ := s.CaseFacts(c)
	cal, _, _ := s.Calendar(s.CaseCalendar(c))
	e, err := Explain(c, f, cal, "cn-mainland", now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/explain-case-11.json.golden", string(b)+"\n")
}

// TestExplainOpenCase explains a case still running, with no status recorded yet: the
// decision is pending, and the explanation says the reconciler has not looked.
func TestExplainOpenCase(t *testing.T) {
	s := sampleCounty(t)
	c := s.Cases["case-10-extension"].DeepCopy()
	c.Spec.Approval, c.Spec.Extension = nil, nil
	f, _ := s.CaseFacts(c)
	cal, _, _ := s.Calendar(s.CaseCalendar(c))
	e, err := Explain(c, f, cal, "cn-mainland", time.Date(2008, 12, 30, 10, 0, 0, 0, shanghai))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := RenderExplanation(&b, e, Style{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Not decided yet (phase Reviewed).", "Decision (Art. 42), due 2009-01-06 17:30 CST", "onestop has not recorded a status for this case yet"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
}
