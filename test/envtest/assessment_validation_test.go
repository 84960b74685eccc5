package envtest

import (
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// This file checks the Assessment CRD's validation against the real API server, as
// validation_test.go does for the organisation: a fully populated, valid assessment, then one
// thing wrong at a time; and the rules on edits (recorded findings, a final assessment).

// validAssessment is a quarter over two named departments, with every weight set and a
// finding of each kind.
func validAssessment(ns string) *v1alpha1.Assessment {
	return &v1alpha1.Assessment{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "county-2009-q1"},
		Spec: v1alpha1.AssessmentSpec{
			Center:      "county-center",
			Period:      v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodQuarter, Start: "2009-01-01"},
			Departments: []string{"water", "land"},
			Weights: &v1alpha1.AssessmentWeights{
				OnTime: ptr.To[int32](60), OnTheSpot: ptr.To[int32](40), TimeoutsCaused: ptr.To[int32](10),
				OutOfSystem: ptr.To[int32](8), OpenAnomalies: ptr.To[int32](1),
			},
			Findings: []v1alpha1.AssessmentFinding{
				{Department: "land", Date: "2009-01-05", Kind: v1alpha1.FindingOutOfSystem, Count: 3, By: "center.sup", Note: "三宗土地登记在局机关办理"},
				{Department: "water", Date: "2009-03-31", Kind: v1alpha1.FindingSentBackToDepartment, Count: 1, By: "center.sup"},
			},
		},
	}
}

func validAssessmentWith(edit func(*v1alpha1.Assessment)) objectBuilder {
	return func(ns string) client.Object { a := validAssessment(ns); edit(a); return a }
}

var anAssessment = validAssessmentWith(func(*v1alpha1.Assessment) {})

// explicitPeriod sets a period of days and drops the findings, which must lie in it.
func explicitPeriod(start, end string) func(*v1alpha1.Assessment) {
	return func(a *v1alpha1.Assessment) {
		a.Spec.Period, a.Spec.Findings = v1alpha1.AssessmentPeriod{Start: start, End: end}, nil
	}
}

// calendarPeriod sets a month, quarter or year and drops the findings, which must lie in it.
func calendarPeriod(kind v1alpha1.PeriodKind, start string) func(*v1alpha1.Assessment) {
	return func(a *v1alpha1.Assessment) {
		a.Spec.Period, a.Spec.Findings = v1alpha1.AssessmentPeriod{Kind: kind, Start: start}, nil
	}
}

func distinctFindings(n int) []v1alpha1.AssessmentFinding {
	out := make([]v1alpha1.AssessmentFinding, n)
	for i := range out {
		out[i] = v1alpha1.AssessmentFinding{
			Department: "land", Date: fmt.Sprintf("2009-02-%02d", i%28+1), Kind: v1alpha1.FindingOutOfSystem,
			Count: int32(i/28 + 1), By: "center.sup", Note: strings.Repeat("记", 512),
		}
	}
	return out
}

func departmentNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("department-%03d", i)
	}
	return out
}

const (
	msgPeriodForm   = "spec.period is either a kind (Month, Quarter or Year) with its start, or a start and an end: set exactly one of spec.period.kind and spec.period.end"
	msgFindingDate  = "a finding's date (spec.findings[].date) must lie in the assessed period (spec.period)"
	msgFindingDept  = "a finding names a department this assessment does not cover: add it to spec.departments or correct spec.findings[].department"
	msgFindingTwice = "two findings are identical: record the same finding once, with its count"
	msgFindingKept  = "a recorded finding cannot be changed or removed: spec.findings only grows"
	msgFinal        = "this Assessment is final: its period has ended and its figures are frozen, so its spec and status cannot change; create a new Assessment to assess again"
)

var _ = Describe("Assessment validation", func() {
	DescribeTable("accepts", func(ctx SpecContext, b objectBuilder) {
		obj := b(newNamespace(ctx))
		Expect(k8sClient.Create(ctx, obj)).To(Succeed())
	},
		Entry("a fully populated quarter", anAssessment),
		Entry("a month", validAssessmentWith(calendarPeriod(v1alpha1.PeriodMonth, "2009-02-01"))),
		Entry("a year", validAssessmentWith(calendarPeriod(v1alpha1.PeriodYear, "2009-01-01"))),
		Entry("the fourth quarter", validAssessmentWith(calendarPeriod(v1alpha1.PeriodQuarter, "2008-10-01"))),
		Entry("the rollout's days, across a year end", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Period = v1alpha1.AssessmentPeriod{Start: "2008-12-03", End: "2009-01-15"}
			a.Spec.Findings[0].Date, a.Spec.Findings[1].Date = "2008-12-03", "2009-01-15"
		})),
		Entry("one day", validAssessmentWith(explicitPeriod("2009-01-05", "2009-01-05"))),
		Entry("every department of the center: no list", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Departments = nil })),
		Entry("100 departments", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Departments, a.Spec.Findings = departmentNames(100), nil
		})),
		Entry("weights of 0 and of 1000", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Weights.OnTime, a.Spec.Weights.OnTheSpot = ptr.To[int32](0), ptr.To[int32](1000)
		})),
		Entry("200 findings with long notes", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Findings = distinctFindings(200)
		})),
		Entry("the same finding on another day", validAssessmentWith(func(a *v1alpha1.Assessment) {
			again := a.Spec.Findings[0]
			again.Date = "2009-01-06"
			a.Spec.Findings = append(a.Spec.Findings, again)
		})),
	)

	DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
		expectRejected(ctx, b, field, message)
	},
		Entry("a period with neither kind nor end", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Period, a.Spec.Findings = v1alpha1.AssessmentPeriod{Start: "2009-01-01"}, nil
		}), "spec.period", msgPeriodForm),
		Entry("a period with both kind and end", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Period.End = "2009-03-31" }),
			"spec.period", msgPeriodForm),
		Entry("an end before the start", validAssessmentWith(explicitPeriod("2009-01-15", "2009-01-14")),
			"spec.period", "spec.period.end is before spec.period.start: the last day comes on or after the first"),
		Entry("a month from the 15th", validAssessmentWith(calendarPeriod(v1alpha1.PeriodMonth, "2009-01-15")),
			"spec.period", "a Month starts on the first of the month: set spec.period.start to YYYY-MM-01"),
		Entry("a quarter from February", validAssessmentWith(calendarPeriod(v1alpha1.PeriodQuarter, "2009-02-01")),
			"spec.period", "a Quarter starts on 1 January, 1 April, 1 July or 1 October"),
		Entry("a quarter from 2 January", validAssessmentWith(calendarPeriod(v1alpha1.PeriodQuarter, "2009-01-02")),
			"spec.period", "a Quarter starts on 1 January, 1 April, 1 July or 1 October"),
		Entry("a year from July", validAssessmentWith(calendarPeriod(v1alpha1.PeriodYear, "2009-07-01")),
			"spec.period", "a Year starts on 1 January: set spec.period.start to YYYY-01-01"),
		Entry("a period of a week", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Period.Kind = "Week" }),
			"spec.period.kind", msgUnsupported("Week", "Month", "Quarter", "Year")),
		Entry("a start of 2009/01/01", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Period.Start = "2009/01/01" }),
			"spec.period.start", msgNotADate("2009/01/01")),
		Entry("an end of 2009-02-30", validAssessmentWith(explicitPeriod("2009-02-01", "2009-02-30")),
			"spec.period.end", msgNotADate("2009-02-30")),
		Entry("no start", withoutField(anAssessment, "spec.period.start"), "spec.period.start", msgRequired),
		Entry("no period", withoutField(anAssessment, "spec.period"), "spec.period", msgRequired),
		Entry("a center that is a display name", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Center = "县行政服务中心" }),
			"spec.center", msgNotAName("ServiceCenter")),
		Entry("a center of 254 characters", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Center = strings.Repeat("c", 254) }),
			"spec.center", msgTooLong(253)),
		Entry("no center", withoutField(anAssessment, "spec.center"), "spec.center", msgRequired),
		Entry("a department that is a display name", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Departments, a.Spec.Findings = []string{"水务局"}, nil
		}), "spec.departments[0]", "spec.departments[] must be the metadata.name of a Department"),
		Entry("a department listed twice", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Departments = []string{"water", "land", "water"}
		}), "spec.departments[2]", `Duplicate value: "water"`),
		Entry("101 departments", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Departments, a.Spec.Findings = departmentNames(101), nil
		}), "spec.departments", msgTooMany(101, 100)),
		Entry("a negative weight", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Weights.TimeoutsCaused = ptr.To[int32](-5) }),
			"spec.weights.timeoutsCaused", msgAtLeast(0)),
		Entry("a weight of 1001", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Weights.OnTime = ptr.To[int32](1001) }),
			"spec.weights.onTime", msgAtMost(1000)),
		Entry("a finding after the quarter", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[1].Date = "2009-04-01" }),
			"spec.findings", msgFindingDate),
		Entry("a finding before the quarter", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[0].Date = "2008-12-31" }),
			"spec.findings", msgFindingDate),
		Entry("a finding in another month", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Period = v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodMonth, Start: "2009-01-01"}
		}), "spec.findings", msgFindingDate),
		Entry("a finding in another year", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Period = v1alpha1.AssessmentPeriod{Kind: v1alpha1.PeriodYear, Start: "2008-01-01"}
		}), "spec.findings", msgFindingDate),
		Entry("a finding after the last day", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Period = v1alpha1.AssessmentPeriod{Start: "2009-01-05", End: "2009-03-30"}
		}), "spec.findings", msgFindingDate),
		Entry("a finding of a department not assessed", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[0].Department = "tobacco" }),
			"spec.findings", msgFindingDept),
		Entry("the same finding twice", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Findings = append(a.Spec.Findings, a.Spec.Findings[0])
		}), "spec.findings", msgFindingTwice),
		Entry("a finding of kind Late", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[0].Kind = "Late" }),
			"spec.findings[0].kind", msgUnsupported("Late", "OutOfSystem", "SentBackToDepartment")),
		Entry("a finding of a department in Chinese", validAssessmentWith(func(a *v1alpha1.Assessment) {
			a.Spec.Departments, a.Spec.Findings[0].Department = nil, "国土局"
		}), "spec.findings[0].department", "spec.findings[].department must be the metadata.name of a Department"),
		Entry("a finding of -1 applications", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[0].Count = -1 }),
			"spec.findings[0].count", msgAtLeast(1)),
		Entry("a finding by nobody", withoutField(anAssessment, "spec.findings[0].by"), "spec.findings[0].by", msgRequired),
		Entry("a finding on no date", withoutField(anAssessment, "spec.findings[1].date"), "spec.findings[1].date", msgRequired),
		Entry("a finding dated 2009-01-32", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[0].Date = "2009-01-32" }),
			"spec.findings[0].date", msgNotADate("2009-01-32")),
		Entry("a note of 513 characters", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings[0].Note = strings.Repeat("记", 513) }),
			"spec.findings[0].note", msgTooLong(512)),
		Entry("201 findings", validAssessmentWith(func(a *v1alpha1.Assessment) { a.Spec.Findings = distinctFindings(201) }),
			"spec.findings", msgTooMany(201, 200)),
		Entry("no spec", withoutField(anAssessment, "spec"), "spec", msgRequired),
	)

	It("fills in the weights left out, and counts a finding without a count as one", func(ctx SpecContext) {
		a := validAssessment(newNamespace(ctx))
		a.Spec.Weights = &v1alpha1.AssessmentWeights{OnTime: ptr.To[int32](80)}
		a.Spec.Findings[1].Count = 0
		Expect(k8sClient.Create(ctx, a)).To(Succeed())
		Expect(a.Status.ObservedGeneration).To(BeEquivalentTo(-1), "created as not yet observed, for kstatus")
		got := &v1alpha1.Assessment{}
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(a), got)).To(Succeed())
		Expect(got.Spec.Weights).To(Equal(&v1alpha1.AssessmentWeights{
			OnTime: ptr.To[int32](80), OnTheSpot: ptr.To[int32](30), TimeoutsCaused: ptr.To[int32](5), OutOfSystem: ptr.To[int32](5), OpenAnomalies: ptr.To[int32](2),
		}))
		Expect(got.Spec.Findings[1].Count).To(BeEquivalentTo(1))
	})

	It("lets findings be added but never changed or removed, and refuses every change to a final assessment", func(ctx SpecContext) {
		a := validAssessment(newNamespace(ctx))
		Expect(k8sClient.Create(ctx, a)).To(Succeed())
		key := client.ObjectKeyFromObject(a)
		patch := func(body string) error {
			return k8sClient.Patch(ctx, &v1alpha1.Assessment{ObjectMeta: metav1.ObjectMeta{Namespace: key.Namespace, Name: key.Name}},
				client.RawPatch(types.MergePatchType, []byte(body)))
		}
		recorded := `{"department":"land","date":"2009-01-05","kind":"OutOfSystem","count":3,"by":"center.sup","note":"三宗土地登记在局机关办理"},` +
			`{"department":"water","date":"2009-03-31","kind":"SentBackToDepartment","count":1,"by":"center.sup"}`

		Expect(patch(`{"spec":{"findings":[` + recorded + `,{"department":"water","date":"2009-02-02","kind":"OutOfSystem","by":"center.wang"}]}}`)).To(Succeed())
		got := &v1alpha1.Assessment{}
		Expect(k8sClient.Get(ctx, key, got)).To(Succeed())
		Expect(got.Spec.Findings).To(HaveLen(3))

		for _, edit := range []string{
			`{"spec":{"findings":[{"department":"land","date":"2009-01-05","kind":"OutOfSystem","count":1,"by":"center.sup","note":"三宗土地登记在局机关办理"},` +
				`{"department":"water","date":"2009-03-31","kind":"SentBackToDepartment","count":1,"by":"center.sup"},` +
				`{"department":"water","date":"2009-02-02","kind":"OutOfSystem","count":1,"by":"center.wang"}]}}`,
			`{"spec":{"findings":[` + recorded + `]}}`,
			`{"spec":{"findings":null}}`,
		} {
			err := patch(edit)
			Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid for %s, got %v", edit, err)
			Expect(err).To(MatchError(ContainSubstring(msgFindingKept)), edit)
		}
		after := &v1alpha1.Assessment{}
		Expect(k8sClient.Get(ctx, key, after)).To(Succeed())
		Expect(after.Spec).To(Equal(got.Spec))

		// Final: onestop writes status.finalized once the period has ended (here written by
		// hand, since the API server's rule does not ask who writes it).
		Expect(k8sClient.Status().Patch(ctx, after, client.RawPatch(types.MergePatchType,
			[]byte(`{"status":{"finalized":true,"top":"land 100.0"}}`)))).To(Succeed())
		for _, edit := range []string{
			`{"spec":{"weights":{"onTime":90}}}`,
			`{"spec":{"findings":[` + recorded + `,{"department":"water","date":"2009-02-02","kind":"OutOfSystem","count":1,"by":"center.wang"},` +
				`{"department":"land","date":"2009-03-02","kind":"OutOfSystem","count":1,"by":"center.wang"}]}}`,
		} {
			err := patch(edit)
			Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid for %s, got %v", edit, err)
			Expect(err).To(MatchError(ContainSubstring(msgFinal)), edit)
		}
		for _, edit := range []string{`{"status":{"top":"water 100.0"}}`, `{"status":{"finalized":false}}`} {
			err := k8sClient.Status().Patch(ctx, after, client.RawPatch(types.MergePatchType, []byte(edit)))
			Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid for %s, got %v", edit, err)
			Expect(err).To(MatchError(ContainSubstring(msgFinal)), edit)
		}
		final := &v1alpha1.Assessment{}
		Expect(k8sClient.Get(ctx, key, final)).To(Succeed())
		Expect(final.Spec).To(Equal(after.Spec))
		Expect(final.Status.Finalized).To(BeTrue())
		Expect(final.Status.Top).To(Equal("land 100.0"))

		// Labels are not figures, and a final assessment can still be deleted.
		Expect(patch(`{"metadata":{"labels":{"reform.onestop.dev/archived":"true"}}}`)).To(Succeed())
		Expect(k8sClient.Delete(ctx, final)).To(Succeed())
	})
})
