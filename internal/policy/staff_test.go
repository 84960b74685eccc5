package policy

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

// testClock returns the jurisdiction's zone and the fixed instant the tests run at:
// 2008-12-15 10:00 in Asia/Shanghai, during the organisation and implementation phase.
func testClock(t *testing.T) (time.Time, *time.Location) {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("loading Asia/Shanghai: %v", err)
	}
	return time.Date(2008, 12, 15, 10, 0, 0, 0, loc), loc
}

// utc parses an RFC 3339 instant, for boundaries stated in UTC.
func utc(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parsing %q: %v", s, err)
	}
	return ts
}

// certified is formal staff holding a law-enforcement certificate.
func certified(name, number, expires string) v1alpha1.Person {
	return v1alpha1.Person{
		Name:        name,
		Employment:  v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: number, Expires: expires},
	}
}

// uncertified is formal staff without a certificate.
func uncertified(name string) v1alpha1.Person {
	return v1alpha1.Person{Name: name, Employment: v1alpha1.EmploymentFormal}
}

// temporary is temporary staff without a certificate.
func temporary(name string) v1alpha1.Person {
	return v1alpha1.Person{Name: name, Employment: v1alpha1.EmploymentTemporary}
}

// withUser records p's user name in the cluster.
func withUser(p v1alpha1.Person, userName string) v1alpha1.Person {
	p.UserName = userName
	return p
}

// withGrade records p's cadre grade.
func withGrade(p v1alpha1.Person, g v1alpha1.Grade) v1alpha1.Person {
	p.Grade = g
	return p
}

// ptr returns a pointer to a copy of p, for heads and representatives.
func ptr(p v1alpha1.Person) *v1alpha1.Person { return &p }

// pinnedOne returns got with its Message blanked when want leaves the message out: such a
// case compares only Type and Reason, the message being pinned by another case of the rule.
func pinnedOne(want, got *conditions.Finding) *conditions.Finding {
	if want == nil || got == nil || want.Message != "" {
		return got
	}
	g := *got
	g.Message = ""
	return &g
}

// pinned does what pinnedOne does for each finding of a list, position by position.
func pinned(want, got []conditions.Finding) []conditions.Finding {
	if got == nil {
		return nil
	}
	out := append([]conditions.Finding(nil), got...)
	for i := range out {
		if i < len(want) && want[i].Message == "" {
			out[i].Message = ""
		}
	}
	return out
}

func TestCertificateValid(t *testing.T) {
	now, loc := testClock(t)
	cases := map[string]struct {
		person v1alpha1.Person
		now    time.Time
		want   bool
	}{
		"certificate valid for another year and a half": {
			person: certified("王芳", "豫执0012345", "2010-06-30"),
			now:    now,
			want:   true,
		},
		"certificate expiring today is still valid": {
			person: certified("王芳", "豫执0012345", "2008-12-15"),
			now:    now,
			want:   true,
		},
		"certificate that expired yesterday": {
			person: certified("刘洋", "豫执0012346", "2008-12-14"),
			now:    now,
		},
		"last second of the expiry day in Shanghai is valid": {
			person: certified("王芳", "豫执0012345", "2009-01-15"),
			now:    utc(t, "2009-01-15T15:59:59Z"),
			want:   true,
		},
		"midnight after the expiry day in Shanghai is invalid": {
			person: certified("王芳", "豫执0012345", "2009-01-15"),
			now:    utc(t, "2009-01-15T16:00:00Z"),
		},
		"evening of the expiry day in UTC is already the next day in Shanghai": {
			person: certified("王芳", "豫执0012345", "2009-01-15"),
			now:    utc(t, "2009-01-15T20:00:00Z"),
		},
		"first second of the expiry day in Shanghai is valid though UTC is still the day before": {
			person: certified("王芳", "豫执0012345", "2009-01-15"),
			now:    utc(t, "2009-01-14T16:00:00Z"),
			want:   true,
		},
		"temporary staff with a valid certificate hold a valid certificate": {
			person: v1alpha1.Person{
				Name:        "赵磊",
				Employment:  v1alpha1.EmploymentTemporary,
				Certificate: &v1alpha1.Certificate{Number: "豫执0012347", Expires: "2009-12-31"},
			},
			now:  now,
			want: true,
		},
		"no certificate": {
			person: uncertified("陈静"),
			now:    now,
		},
		"unparseable expiry date": {
			person: certified("王芳", "豫执0012345", "2009/01/15"),
			now:    now,
		},
		"empty expiry date": {
			person: certified("王芳", "豫执0012345", ""),
			now:    now,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CertificateValid(tc.person, tc.now, loc)); diff != "" {
				t.Errorf("CertificateValid() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNextCertificateExpiry(t *testing.T) {
	now, loc := testClock(t)
	type result struct {
		Next time.Time
		OK   bool
	}
	cases := map[string]struct {
		people []v1alpha1.Person
		now    time.Time // testClock's now when zero
		want   result
	}{
		"nobody": {},
		"nobody holds a valid certificate": {
			people: []v1alpha1.Person{
				uncertified("陈静"),
				temporary("张伟"),
				certified("刘洋", "豫执0012346", "2008-11-30"),
				certified("王芳", "豫执0012345", "not-a-date"),
			},
		},
		"one certificate lapses at midnight after its expiry day in Shanghai": {
			people: []v1alpha1.Person{certified("王芳", "豫执0012345", "2009-01-15")},
			want:   result{Next: time.Date(2009, 1, 16, 0, 0, 0, 0, loc), OK: true},
		},
		"the lapse instant is 16:00 UTC on the expiry day": {
			people: []v1alpha1.Person{certified("王芳", "豫执0012345", "2009-01-15")},
			want:   result{Next: utc(t, "2009-01-15T16:00:00Z"), OK: true},
		},
		"earliest of several, whatever the order": {
			people: []v1alpha1.Person{
				certified("李建国", "豫执0010001", "2010-06-30"),
				certified("王芳", "豫执0012345", "2009-03-31"),
				certified("赵磊", "豫执0012347", "2009-01-15"),
				certified("周敏", "豫执0012348", "2009-12-31"),
			},
			want: result{Next: time.Date(2009, 1, 16, 0, 0, 0, 0, loc), OK: true},
		},
		"expired, missing and unparseable certificates are ignored": {
			people: []v1alpha1.Person{
				certified("刘洋", "豫执0012346", "2008-11-30"),
				uncertified("陈静"),
				certified("孙丽", "豫执0012349", "2008-13-01"),
				certified("王芳", "豫执0012345", "2009-02-28"),
			},
			want: result{Next: time.Date(2009, 3, 1, 0, 0, 0, 0, loc), OK: true},
		},
		"certificate expiring today lapses tonight": {
			people: []v1alpha1.Person{certified("王芳", "豫执0012345", "2008-12-15")},
			want:   result{Next: time.Date(2008, 12, 16, 0, 0, 0, 0, loc), OK: true},
		},
		"one second before the lapse": {
			people: []v1alpha1.Person{certified("王芳", "豫执0012345", "2009-01-15")},
			now:    utc(t, "2009-01-15T15:59:59Z"),
			want:   result{Next: utc(t, "2009-01-15T16:00:00Z"), OK: true},
		},
		"at the lapse the certificate no longer counts": {
			people: []v1alpha1.Person{certified("王芳", "豫执0012345", "2009-01-15")},
			now:    utc(t, "2009-01-15T16:00:00Z"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			at := tc.now
			if at.IsZero() {
				at = now
			}
			next, ok := NextCertificateExpiry(tc.people, at, loc)
			if diff := cmp.Diff(tc.want, result{Next: next, OK: ok}); diff != "" {
				t.Errorf("NextCertificateExpiry() mismatch (-want +got):\n%s", diff)
			}
			if ok && (next.In(loc).Hour() != 0 || next.In(loc).Minute() != 0 || next.In(loc).Second() != 0) {
				t.Errorf("NextCertificateExpiry() = %v, want midnight in %v", next.In(loc), loc)
			}
		})
	}
}

func TestCountStaff(t *testing.T) {
	now, loc := testClock(t)
	cases := map[string]struct {
		people []v1alpha1.Person
		want   StaffCounts
	}{
		"nobody": {},
		"distinct formal certified staff": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				certified("李建国", "豫执0010001", "2010-06-30"),
			},
			want: StaffCounts{Staff: 2},
		},
		"the same person on a section roster and at a window counts once, by name": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				certified("李建国", "豫执0010001", "2010-06-30"),
				certified("王芳", "豫执0012345", "2010-06-30"),
			},
			want: StaffCounts{Staff: 2},
		},
		"the same user under two spellings of the name counts once": {
			people: []v1alpha1.Person{
				withUser(certified("李建国", "豫执0010001", "2010-06-30"), "lijianguo"),
				withUser(certified("李建國", "豫执0010001", "2010-06-30"), "lijianguo"),
			},
			want: StaffCounts{Staff: 1},
		},
		"namesakes with different user names count twice": {
			people: []v1alpha1.Person{
				withUser(temporary("张伟"), "zhangwei1"),
				withUser(temporary("张伟"), "zhangwei2"),
			},
			want: StaffCounts{Staff: 2, Temporary: 2, Uncertified: 2},
		},
		"namesakes without user names count once": {
			people: []v1alpha1.Person{
				temporary("张伟"),
				temporary("张伟"),
			},
			want: StaffCounts{Staff: 1, Temporary: 1, Uncertified: 1},
		},
		// Surprising: a listing with a user name and one without are keyed apart, so the same
		// 王芳 counts twice. See the report.
		"the same name with and without a user name counts twice": {
			people: []v1alpha1.Person{
				withUser(certified("王芳", "豫执0012345", "2010-06-30"), "wangfang"),
				certified("王芳", "豫执0012345", "2010-06-30"),
			},
			want: StaffCounts{Staff: 2},
		},
		"a person listed first as formal, then as temporary, counts as formal": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				temporary("王芳"),
			},
			want: StaffCounts{Staff: 1},
		},
		"a person listed first as temporary, then as formal, counts as temporary": {
			people: []v1alpha1.Person{
				temporary("王芳"),
				certified("王芳", "豫执0012345", "2010-06-30"),
			},
			want: StaffCounts{Staff: 1, Temporary: 1, Uncertified: 1},
		},
		"the same user listed first as certified, then with an expired certificate, counts as certified": {
			people: []v1alpha1.Person{
				withUser(certified("刘洋", "豫执0012346", "2010-06-30"), "liuyang"),
				withUser(certified("刘洋", "豫执0012346", "2008-11-30"), "liuyang"),
			},
			want: StaffCounts{Staff: 1},
		},
		"temporary and uncertified staff are counted": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				temporary("张伟"),
				certified("刘洋", "豫执0012346", "2008-11-30"),
				uncertified("陈静"),
				{Name: "赵磊", Employment: v1alpha1.EmploymentTemporary, Certificate: &v1alpha1.Certificate{Number: "豫执0012347", Expires: "2009-12-31"}},
				temporary("张伟"),
			},
			want: StaffCounts{Staff: 5, Temporary: 2, Uncertified: 3},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, CountStaff(tc.people, now, loc)); diff != "" {
				t.Errorf("CountStaff() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTemporaryStaff(t *testing.T) {
	const where = `section "construction-approval" of 建设局 (construction)`
	cases := map[string]struct {
		people []v1alpha1.Person
		want   *conditions.Finding
	}{
		"nobody": {},
		"only formal staff": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				uncertified("陈静"),
			},
		},
		"one temporary staff member": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				temporary("张伟"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionTemporaryStaff,
				Reason:  v1alpha1.ConditionTemporaryStaff,
				Message: `Temporary staff work in section "construction-approval" of 建设局 (construction): 张伟. Only formal staff with a law-enforcement certificate may work in the Center; replace them with formal staff.`,
			},
		},
		"several temporary staff are named in order, formal staff left out": {
			people: []v1alpha1.Person{
				temporary("张伟"),
				certified("王芳", "豫执0012345", "2010-06-30"),
				temporary("黄涛"),
				temporary("马强"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionTemporaryStaff,
				Reason:  v1alpha1.ConditionTemporaryStaff,
				Message: `Temporary staff work in section "construction-approval" of 建设局 (construction): 张伟, 黄涛, 马强. Only formal staff with a law-enforcement certificate may work in the Center; replace them with formal staff.`,
			},
		},
		"temporary staff with a valid certificate are still temporary": {
			people: []v1alpha1.Person{
				{Name: "赵磊", Employment: v1alpha1.EmploymentTemporary, Certificate: &v1alpha1.Certificate{Number: "豫执0012347", Expires: "2009-12-31"}},
			},
			want: &conditions.Finding{Type: v1alpha1.ConditionTemporaryStaff, Reason: v1alpha1.ConditionTemporaryStaff},
		},
		"a person listed twice by name is named once, where first listed": {
			people: []v1alpha1.Person{
				temporary("张伟"),
				temporary("黄涛"),
				temporary("张伟"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionTemporaryStaff,
				Reason:  v1alpha1.ConditionTemporaryStaff,
				Message: `Temporary staff work in section "construction-approval" of 建设局 (construction): 张伟, 黄涛. Only formal staff with a law-enforcement certificate may work in the Center; replace them with formal staff.`,
			},
		},
		"the same user under two spellings of the name is named once, as first spelt": {
			people: []v1alpha1.Person{
				withUser(temporary("李建国"), "lijianguo"),
				withUser(temporary("李建國"), "lijianguo"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionTemporaryStaff,
				Reason:  v1alpha1.ConditionTemporaryStaff,
				Message: `Temporary staff work in section "construction-approval" of 建设局 (construction): 李建国. Only formal staff with a law-enforcement certificate may work in the Center; replace them with formal staff.`,
			},
		},
		"namesakes with different user names are both named": {
			people: []v1alpha1.Person{
				withUser(temporary("张伟"), "zhangwei1"),
				withUser(temporary("张伟"), "zhangwei2"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionTemporaryStaff,
				Reason:  v1alpha1.ConditionTemporaryStaff,
				Message: `Temporary staff work in section "construction-approval" of 建设局 (construction): 张伟, 张伟. Only formal staff with a law-enforcement certificate may work in the Center; replace them with formal staff.`,
			},
		},
		"a person listed first as formal, then as temporary, is not named": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				temporary("王芳"),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := TemporaryStaff(where, tc.people)
			if diff := cmp.Diff(tc.want, pinnedOne(tc.want, got)); diff != "" {
				t.Errorf("TemporaryStaff() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUncertifiedStaff(t *testing.T) {
	now, loc := testClock(t)
	const where = `window "tobacco-b07" of 烟草局 (tobacco)`
	cases := map[string]struct {
		people []v1alpha1.Person
		want   *conditions.Finding
	}{
		"nobody": {},
		"everyone holds a valid certificate": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				certified("马强", "豫执0020001", "2008-12-15"),
			},
		},
		"someone without a certificate": {
			people: []v1alpha1.Person{
				certified("王芳", "豫执0012345", "2010-06-30"),
				uncertified("陈静"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 陈静 (no certificate). Have them certified, or replace them with certified staff.`,
			},
		},
		"someone whose certificate expired": {
			people: []v1alpha1.Person{certified("刘洋", "豫执0012346", "2008-11-30")},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 刘洋 (certificate 豫执0012346 expired 2008-11-30). Have them certified, or replace them with certified staff.`,
			},
		},
		"certificate that expired yesterday": {
			people: []v1alpha1.Person{certified("刘洋", "豫执0012346", "2008-12-14")},
			want:   &conditions.Finding{Type: v1alpha1.ConditionUncertifiedStaff, Reason: v1alpha1.ConditionUncertifiedStaff},
		},
		"both forms, named in order, certified staff left out": {
			people: []v1alpha1.Person{
				certified("刘洋", "豫执0012346", "2008-11-30"),
				certified("王芳", "豫执0012345", "2010-06-30"),
				temporary("张伟"),
				uncertified("陈静"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 刘洋 (certificate 豫执0012346 expired 2008-11-30), 张伟 (no certificate), 陈静 (no certificate). Have them certified, or replace them with certified staff.`,
			},
		},
		"unparseable expiry date is reported as unreadable, not as expired": {
			people: []v1alpha1.Person{certified("孙丽", "豫执0012349", "2008-13-01")},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 孙丽 (certificate 豫执0012349 has an unreadable expiry date "2008-13-01"). Have them certified, or replace them with certified staff.`,
			},
		},
		"empty expiry date is reported as unreadable, quoted": {
			people: []v1alpha1.Person{certified("孙丽", "豫执0012349", "")},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 孙丽 (certificate 豫执0012349 has an unreadable expiry date ""). Have them certified, or replace them with certified staff.`,
			},
		},
		"every form, named in order": {
			people: []v1alpha1.Person{
				uncertified("陈静"),
				certified("孙丽", "豫执0012349", "2009/01/15"),
				certified("刘洋", "豫执0012346", "2008-11-30"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 陈静 (no certificate), 孙丽 (certificate 豫执0012349 has an unreadable expiry date "2009/01/15"), 刘洋 (certificate 豫执0012346 expired 2008-11-30). Have them certified, or replace them with certified staff.`,
			},
		},
		"a person listed twice is named once, as first listed": {
			people: []v1alpha1.Person{
				certified("刘洋", "豫执0012346", "2008-11-30"),
				uncertified("陈静"),
				uncertified("刘洋"),
			},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionUncertifiedStaff,
				Reason:  v1alpha1.ConditionUncertifiedStaff,
				Message: `Staff without a valid law-enforcement certificate work in window "tobacco-b07" of 烟草局 (tobacco): 刘洋 (certificate 豫执0012346 expired 2008-11-30), 陈静 (no certificate). Have them certified, or replace them with certified staff.`,
			},
		},
		"a person listed first with a valid certificate is not named for a later listing": {
			people: []v1alpha1.Person{
				withUser(certified("王芳", "豫执0012345", "2010-06-30"), "wangfang"),
				withUser(uncertified("王芳"), "wangfang"),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := UncertifiedStaff(where, tc.people, now, loc)
			if diff := cmp.Diff(tc.want, pinnedOne(tc.want, got)); diff != "" {
				t.Errorf("UncertifiedStaff() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCollect(t *testing.T) {
	head := &conditions.Finding{Type: v1alpha1.ConditionHeadMissing, Reason: v1alpha1.ConditionHeadMissing, Message: "head"}
	plan := &conditions.Finding{Type: v1alpha1.ConditionStaffingPlanPending, Reason: v1alpha1.ConditionStaffingPlanPending, Message: "plan"}
	temp := &conditions.Finding{Type: v1alpha1.ConditionTemporaryStaff, Reason: v1alpha1.ConditionTemporaryStaff, Message: "temp"}
	cases := map[string]struct {
		findings []*conditions.Finding
		want     []conditions.Finding
	}{
		"no rules":         {},
		"every rule holds": {findings: []*conditions.Finding{nil, nil, nil}},
		"a single finding": {
			findings: []*conditions.Finding{nil, plan, nil},
			want:     []conditions.Finding{*plan},
		},
		"findings keep their order, held rules dropped": {
			findings: []*conditions.Finding{temp, nil, head, nil, plan},
			want:     []conditions.Finding{*temp, *head, *plan},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Collect(tc.findings...)); diff != "" {
				t.Errorf("Collect() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNamed(t *testing.T) {
	cases := map[string]struct {
		display, name string
		want          string
	}{
		"display name and name":          {display: "建设局", name: "construction", want: "建设局 (construction)"},
		"no display name":                {name: "construction", want: "construction"},
		"display name equal to the name": {display: "construction", name: "construction", want: "construction"},
		"long display name":              {display: "建设局 (Construction Bureau)", name: "construction", want: "建设局 (Construction Bureau) (construction)"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Named(tc.display, tc.name)); diff != "" {
				t.Errorf("Named() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
