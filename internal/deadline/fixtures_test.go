package deadline_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/calendar/calendartest"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/deadline"
)

// cnMainland is the project's own sample calendar, built once.
func cnMainland(tb testing.TB) *calendar.Calendar { return calendartest.CNMainland(tb) }

var (
	shanghai = calendartest.Shanghai
	at       = calendartest.At // a wall-clock instant in Asia/Shanghai
)

// cob is close of business (17:30 CST) of a day.
func cob(y int, m time.Month, d int) time.Time { return at(y, m, d, 17, 30) }

func tp(t time.Time) *time.Time    { return &t }
func mt(t time.Time) metav1.Time   { return metav1.Time{Time: t} }
func mtp(t time.Time) *metav1.Time { return &metav1.Time{Time: t} }
func boolp(b bool) *bool           { return &b }
func findings(types ...string) []conditions.Finding {
	var out []conditions.Finding
	for _, t := range types {
		out = append(out, conditions.Finding{Type: t, Reason: t})
	}
	return out
}

// The materials of the construction permit.
const (
	matForm     = "申请表"
	matDrawings = "施工图审查合格书"
	matBid      = "中标通知书"
)

// People. Certificates are valid to the end of 2030 unless said otherwise.
var (
	leader   = v1alpha1.Person{Name: "张伟", Employment: v1alpha1.EmploymentFormal, Grade: v1alpha1.GradeDivisionLevel, Title: "副局长"}
	wangFang = v1alpha1.Person{Name: "王芳", UserName: "wang.fang", Employment: v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: "JZ-2008-001", Expires: "2030-12-31"}}
	liNa = v1alpha1.Person{Name: "李娜", UserName: "li.na", Employment: v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: "JZ-2008-002", Expires: "2030-12-31"}}
	zhaoLei = v1alpha1.Person{Name: "赵磊", UserName: "zhao.lei", Employment: v1alpha1.EmploymentTemporary,
		Certificate: &v1alpha1.Certificate{Number: "JZ-2008-003", Expires: "2030-12-31"}}
	// sunLi's certificate's last valid day is 2009-01-15.
	sunLi = v1alpha1.Person{Name: "孙丽", UserName: "sun.li", Employment: v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: "JZ-2006-004", Expires: "2009-01-15"}}
	// zhouMin holds no certificate.
	zhouMin = v1alpha1.Person{Name: "周敏", UserName: "zhou.min", Employment: v1alpha1.EmploymentFormal}
)

func deciders() map[string]v1alpha1.Person {
	out := map[string]v1alpha1.Person{}
	for _, p := range []v1alpha1.Person{wangFang, liNa, zhaoLei, sunLi, zhouMin} {
		out[p.UserName] = p
	}
	return out
}

// Department object names.
const (
	lead = "construction"
	env  = "environmental-protection"
	land = "land"
)

// permitItem is a category 3 item: promised 15 of the statutory 20 working days, one
// extension of up to 10, silence is consent, one person decides.
func permitItem() v1alpha1.ApprovalItemSpec {
	return v1alpha1.ApprovalItemSpec{
		Code:               "JS-003",
		DisplayName:        "建筑工程施工许可",
		Department:         lead,
		ApprovalType:       v1alpha1.ApprovalLicensing,
		Category:           3,
		StatutoryLimitDays: 20,
		PromisedLimitDays:  15,
		Extension:          &v1alpha1.Extension{Allowed: true, Days: 10},
		Relocation:         v1alpha1.Relocation{Mode: v1alpha1.RelocationRequired},
		Center:             "county-center",
		ReviewMode:         v1alpha1.ReviewSingle,
		SilencePolicy:      v1alpha1.SilenceConsent,
		RequiredMaterials:  []v1alpha1.Material{{Name: matForm, Original: true}, {Name: matDrawings}, {Name: matBid}},
		Lifecycle:          v1alpha1.Lifecycle{State: v1alpha1.LifecycleActive},
		LegalBasis:         "《中华人民共和国建筑法》第八条",
	}
}

// withCoApprovers adds the two parallel co-approvers: environmental protection within 5
// working days, land within 10.
func withCoApprovers(f *deadline.Facts) {
	f.Item.CoApprovers = []v1alpha1.CoApprover{{Department: env, LimitDays: 5}, {Department: land, LimitDays: 10}}
}

// onTheSpotItem is a category 1 item: decided while the applicant waits, promised 0.
func onTheSpotItem() v1alpha1.ApprovalItemSpec {
	it := permitItem()
	it.Code, it.DisplayName = "JS-001", "建筑业企业资质证书变更"
	it.Category, it.StatutoryLimitDays, it.PromisedLimitDays = 1, 5, 0
	it.Extension = nil
	it.SilencePolicy = v1alpha1.SilenceNone
	return it
}

// caseFacts is a complete application for the permit, received at a window of the center at
// received and accepted at the same instant, nothing else recorded.
func caseFacts(received time.Time, mods ...func(*deadline.Facts)) deadline.Facts {
	l := leader
	f := deadline.Facts{
		Name: "case-001",
		Spec: v1alpha1.ApprovalCaseSpec{
			Item:               "construction-permit",
			Applicant:          v1alpha1.Applicant{Name: "县第一建筑工程有限公司", Contact: "0898-1234567"},
			ReceivedAt:         mt(received),
			Intake:             v1alpha1.Intake{Channel: v1alpha1.IntakeWindow, Center: "county-center", Window: "w-construction-1", ReceivedBy: "li.na"},
			MaterialsSubmitted: []string{matForm, matDrawings, matBid},
			Acceptance:         &v1alpha1.Act{At: mt(received), By: "li.na"},
		},
		Item:           permitItem(),
		Department:     "建设局",
		LeaderInCharge: &l,
		Deciders:       deciders(),
		IntakeInCenter: true,
	}
	for _, m := range mods {
		m(&f)
	}
	return f
}

// label is how messages name the permit case.
const label = "case case-001 (JS-003 建筑工程施工许可, 建设局)"

// evalCase is one row of a table: the facts, now, and the expected result. Findings are
// compared by type and reason; messages holds, per finding type, text its message must
// contain.
type evalCase struct {
	facts    deadline.Facts
	now      time.Time
	want     deadline.Result
	messages map[string][]string
	// ignoreOnTime leaves OnTime out of the comparison (see the report on OnTime of a
	// decision by timeout).
	ignoreOnTime bool
}

func runCases(t *testing.T, cases map[string]evalCase) {
	t.Helper()
	cal := cnMainland(t)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := deadline.Evaluate(tc.facts, cal, tc.now)
			if err != nil {
				t.Fatalf("Evaluate: unexpected error %v", err)
			}
			opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(conditions.Finding{}, "Message")}
			if tc.ignoreOnTime {
				opts = append(opts, cmpopts.IgnoreFields(deadline.Result{}, "OnTime"))
			}
			if diff := cmp.Diff(tc.want, got, opts...); diff != "" {
				t.Errorf("Evaluate(now %s) mismatch (-want +got):\n%s", tc.now.In(shanghai).Format(time.DateTime), diff)
			}
			checkMessages(t, tc.facts.Name, got.Findings, tc.messages)
		})
	}
}

// checkMessages: every finding names the case, and the listed texts appear in the message of
// the finding of that type.
func checkMessages(t *testing.T, caseName string, got []conditions.Finding, want map[string][]string) {
	t.Helper()
	byType := map[string]string{}
	for _, f := range got {
		if f.Reason != f.Type {
			t.Errorf("finding %s has reason %s, want the type's own name", f.Type, f.Reason)
		}
		if !strings.Contains(strings.ToLower(f.Message), "case "+caseName+" ") {
			t.Errorf("finding %s does not name case %s: %q", f.Type, caseName, f.Message)
		}
		byType[f.Type] = f.Message
	}
	for typ, subs := range want {
		msg, ok := byType[typ]
		if !ok {
			t.Errorf("no finding %s to check the message of", typ)
			continue
		}
		for _, s := range subs {
			if !strings.Contains(msg, s) {
				t.Errorf("finding %s: message %q does not contain %q", typ, msg, s)
			}
		}
	}
}

// recordedFrom is the status a reconciler writes from a result, as the controller does.
func recordedFrom(r deadline.Result) v1alpha1.ApprovalCaseStatus {
	ptr := func(t *time.Time) *metav1.Time {
		if t == nil {
			return nil
		}
		return mtp(*t)
	}
	return v1alpha1.ApprovalCaseStatus{
		Phase:             r.Phase,
		NoticeDeadline:    ptr(r.NoticeDeadline),
		AcceptedAt:        ptr(r.AcceptedAt),
		OnTheSpotDeadline: ptr(r.OnTheSpotDeadline),
		DecisionDeadline:  ptr(r.DecisionDeadline),
		CoApprovals:       r.CoApprovals,
		Decision:          r.Decision,
		LiableDepartments: r.Liable,
		OnTime:            r.OnTime,
	}
}

func TestSampleCalendar(t *testing.T) {
	cal := cnMainland(t)
	for _, y := range []int{2008, 2009, 2025, 2026, 2027} {
		if !cal.Covers(y) {
			t.Errorf("sample calendar does not cover %d", y)
		}
	}
	if cal.Covers(2010) {
		t.Error("sample calendar covers 2010; the CalendarDataMissing cases assume it does not")
	}
	if got := cal.Location().String(); got != "Asia/Shanghai" {
		t.Errorf("zone %s, want Asia/Shanghai", got)
	}
	if got := cal.CloseOfBusiness().String(); got != "17:30" {
		t.Errorf("close of business %s, want 17:30", got)
	}
}
