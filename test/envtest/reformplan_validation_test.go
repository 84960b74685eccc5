package envtest

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// This file checks the ReformPlan CRD's validation against the real API server, in the style of
// validation_test.go: each spec starts from a valid plan and changes exactly one thing.

// validPlan is the seed's plan in small: three phases, the leading group with every field set,
// a scope by batch and selector, and two recorded inspections, one failed with findings.
func validPlan(ns string) *v1alpha1.ReformPlan {
	head := validPerson("詹晓阳", "zhan.xiaoyang", "常务副县长", "执法-9001", "2012-12-31", v1alpha1.GradeBureauLevel)
	deputy := validPerson("解桂林", "xie.guilin", "纪委书记", "执法-9002", "2012-12-31", v1alpha1.GradeBureauLevel)
	director := validPerson("孙主任", "sun.zhuren", "中心主任", "执法-9003", "2012-12-31", v1alpha1.GradeDivisionLevel)
	return &v1alpha1.ReformPlan{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "seed-plan"},
		Spec: v1alpha1.ReformPlanSpec{
			DisplayName: "县进一步深化行政审批提高行政效能实施方案",
			Calendar:    "cn-mainland",
			LeadingGroup: v1alpha1.LeadingGroup{
				Head:   head,
				Deputy: &deputy,
				Members: []v1alpha1.GroupMember{
					{Body: "县政府督查室", Leader: &director},
					{Body: "县监察局"},
				},
				Office: &v1alpha1.GroupOffice{Center: "county-center", Director: &director},
			},
			Scope: v1alpha1.PlanScope{
				Batches:  []int32{1, 2},
				Selector: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "reform.onestop.dev/batch", Operator: metav1.LabelSelectorOpExists}}},
			},
			Phases: []v1alpha1.PlanPhase{
				{Name: "mobilisation", Title: "宣传发动阶段", Start: "2008-12-03", End: "2008-12-10",
					Requirements: []v1alpha1.RolloutRequirement{v1alpha1.RequirementImplementationPlanSubmitted, v1alpha1.RequirementStaffRegistrationSubmitted}},
				{Name: "implementation", Title: "组织实施阶段", Start: "2008-12-11", End: "2008-12-31",
					Requirements: []v1alpha1.RolloutRequirement{v1alpha1.RequirementSectionOrRepresentative, v1alpha1.RequirementItemsRelocated, v1alpha1.RequirementWindowsStaffed}},
				{Name: "acceptance", Title: "检查验收阶段", Start: "2009-01-01", End: "2009-01-15",
					Requirements: []v1alpha1.RolloutRequirement{v1alpha1.RequirementInspectionRecorded, v1alpha1.RequirementInspectionPassed}},
			},
			Inspections: []v1alpha1.Inspection{
				{Department: "water", Date: "2009-01-07", Inspector: "县政府督查室联合检查组", Result: v1alpha1.InspectionFailed,
					Findings: []string{"取水许可仍在局机关办理"}},
				{Department: "water", Date: "2009-01-14", Inspector: "县政府督查室联合检查组", Result: v1alpha1.InspectionPassedResult},
			},
		},
	}
}

func validPlanWith(edit func(*v1alpha1.ReformPlan)) objectBuilder {
	return func(ns string) client.Object { p := validPlan(ns); edit(p); return p }
}

var aPlan = validPlanWith(func(*v1alpha1.ReformPlan) {})

// The plan's CEL messages, as declared in api/v1alpha1/reformplan_types.go.
const (
	rpMsgStart        = "spec.phases[].start must be a date written YYYY-MM-DD, such as 2008-12-03"
	rpMsgEnd          = "spec.phases[].end must be a date written YYYY-MM-DD, such as 2008-12-10"
	rpMsgEndFirst     = "a phase ends on or after the day it starts: spec.phases[].end is before start; correct one of the dates"
	rpMsgOverlap      = "two phases overlap: each phase must end (spec.phases[].end) before the next one starts; move one of the dates"
	rpMsgOrder        = "spec.phases must be listed in date order: sort them by start"
	rpMsgPhaseName    = "spec.phases[].name must be lower-case letters, digits and '-'"
	rpMsgFindings     = "an inspection that is not plainly Passed lists what was found: set spec.inspections[].findings"
	rpMsgInspDate     = "spec.inspections[].date must be a date written YYYY-MM-DD, such as 2009-01-08"
	rpMsgInspChanged  = "a recorded inspection is history and cannot be changed; record a re-inspection as a new entry of spec.inspections with its own date"
	rpMsgInspRemoved  = "a recorded inspection is history and cannot be removed from spec.inspections; record a re-inspection as a new entry with its own date"
	rpMsgOfficeCenter = "spec.leadingGroup.office.center must be the metadata.name of a ServiceCenter"
)

var requirementValues = []string{
	"ImplementationPlanSubmitted", "StaffRegistrationSubmitted", "SectionOrRepresentative", "ItemsRelocated",
	"WindowsStaffed", "InspectionRecorded", "InspectionPassed",
}

var _ = Describe("ReformPlan validation", func() {
	It("accepts the valid plan, every field kept", func(ctx SpecContext) {
		p := validPlan(newNamespace(ctx))
		Expect(k8sClient.Create(ctx, p)).To(Succeed())
		got := &v1alpha1.ReformPlan{}
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(p), got)).To(Succeed())
		Expect(got.Spec).To(Equal(validPlan(p.Namespace).Spec))
	})

	DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
		expectRejected(ctx, b, field, message)
	},
		Entry("a phase starting 2008-02-30, a day that does not exist", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[0].Start = "2008-02-30" }),
			"spec.phases[0].start", rpMsgStart),
		Entry("a phase ending 2009/01/15", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[2].End = "2009/01/15" }),
			"spec.phases[2].end", rpMsgEnd),
		Entry("a phase ending 2009-02-29, in a year without it", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[2].End = "2009-02-29" }),
			"spec.phases[2].end", rpMsgEnd),
		Entry("a phase ending before it starts", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[1].End = "2008-12-05" }),
			"spec.phases[1]", rpMsgEndFirst),
		Entry("implementation starting on mobilisation's last day", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[1].Start = "2008-12-10" }),
			"spec.phases", rpMsgOverlap),
		Entry("phases listed out of date order", validPlanWith(func(p *v1alpha1.ReformPlan) {
			p.Spec.Phases[0], p.Spec.Phases[2] = p.Spec.Phases[2], p.Spec.Phases[0]
		}), "spec.phases", rpMsgOrder),
		Entry("two phases of one name", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[1].Name = "mobilisation" }),
			"spec.phases[1]", msgDuplicateName("mobilisation")),
		Entry("a phase named Mobilisation", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[0].Name = "Mobilisation" }),
			"spec.phases[0].name", rpMsgPhaseName),
		Entry("a requirement the plan does not know", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Phases[0].Requirements[1] = "MeetingHeld" }),
			"spec.phases[0].requirements[1]", msgUnsupported("MeetingHeld", requirementValues...)),
		Entry("13 phases", validPlanWith(func(p *v1alpha1.ReformPlan) {
			for i := 3; i < 13; i++ {
				p.Spec.Phases = append(p.Spec.Phases, v1alpha1.PlanPhase{Name: "extra-" + strings.Repeat("x", i), Start: "2009-02-01", End: "2009-02-01"})
			}
		}), "spec.phases", msgTooMany(13, 12)),
		Entry("no phases", withoutField(aPlan, "spec.phases"), "spec.phases", msgRequired),
		Entry("an empty list of phases", withRawField(aPlan, "spec.phases", []any{}), "spec.phases", "should have at least 1 items"),
		Entry("a failed inspection without findings", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[0].Findings = nil }),
			"spec.inspections[0]", rpMsgFindings),
		Entry("an inspection result Good", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[1].Result = "Good" }),
			"spec.inspections[1].result", msgUnsupported("Good", "Passed", "ConditionallyPassed", "Failed")),
		Entry("an inspection on 2009-01-32", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[1].Date = "2009-01-32" }),
			"spec.inspections[1].date", rpMsgInspDate),
		Entry("an inspection of the Water Bureau, as people say it", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[1].Department = "Water Bureau" }),
			"spec.inspections[1].department", msgNotAName("Department")),
		Entry("an inspection without inspector", withoutField(aPlan, "spec.inspections[1].inspector"), "spec.inspections[1].inspector", msgRequired),
		Entry("batch 3 in scope", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Scope.Batches = []int32{1, 3} }),
			"spec.scope.batches[1]", msgAtMost(2)),
		Entry("a leading group without head", withoutField(aPlan, "spec.leadingGroup.head"), "spec.leadingGroup.head", msgRequired),
		Entry("the group's office in a center named as people say it", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.LeadingGroup.Office.Center = "County Center" }),
			"spec.leadingGroup.office.center", rpMsgOfficeCenter),
		Entry("an empty calendar", validPlanWith(func(p *v1alpha1.ReformPlan) { p.Spec.Calendar = "" }), "spec.calendar", msgMinChars(1)),
	)

	Context("when inspections are recorded", func() {
		var p *v1alpha1.ReformPlan
		BeforeEach(func(ctx SpecContext) {
			p = validPlan(newNamespace(ctx))
			Expect(k8sClient.Create(ctx, p)).To(Succeed())
		})
		// update merge-patches what edit changes; without a resourceVersion, so that the
		// controller's status writes cannot make it a conflict.
		update := func(ctx SpecContext, edit func(*v1alpha1.ReformPlan)) error {
			got := &v1alpha1.ReformPlan{}
			Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(p), got)).To(Succeed())
			patch := client.MergeFrom(got.DeepCopy())
			edit(got)
			return k8sClient.Patch(ctx, got, patch)
		}
		expectRefused := func(err error, field, message string) {
			Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid, got %v", err)
			Expect(statusCauses(err)).To(ContainElement(And(HaveField("Field", field), HaveField("Message", ContainSubstring(message)))), "%v", err)
		}

		It("refuses to change a recorded inspection's result", func(ctx SpecContext) {
			err := update(ctx, func(p *v1alpha1.ReformPlan) {
				p.Spec.Inspections[0].Result = v1alpha1.InspectionPassedResult
			})
			expectRefused(err, "spec.inspections[0]", rpMsgInspChanged)
		})

		It("refuses to change a recorded inspection's findings or inspector", func(ctx SpecContext) {
			err := update(ctx, func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[0].Findings = []string{"已整改"} })
			expectRefused(err, "spec.inspections[0]", rpMsgInspChanged)
			err = update(ctx, func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[1].Inspector = "县监察局" })
			expectRefused(err, "spec.inspections[1]", rpMsgInspChanged)
		})

		It("refuses to remove a recorded inspection, or to move it to another day", func(ctx SpecContext) {
			err := update(ctx, func(p *v1alpha1.ReformPlan) { p.Spec.Inspections = p.Spec.Inspections[1:] })
			expectRefused(err, "spec", rpMsgInspRemoved)
			err = update(ctx, func(p *v1alpha1.ReformPlan) { p.Spec.Inspections[0].Date = "2009-01-08" })
			expectRefused(err, "spec", rpMsgInspRemoved)
			err = update(ctx, func(p *v1alpha1.ReformPlan) { p.Spec.Inspections = nil })
			expectRefused(err, "spec", rpMsgInspRemoved)
		})

		It("accepts a re-inspection as a new entry, and edits of the rest of the plan", func(ctx SpecContext) {
			Expect(update(ctx, func(p *v1alpha1.ReformPlan) {
				p.Spec.Inspections = append(p.Spec.Inspections, v1alpha1.Inspection{
					Department: "land", Date: "2009-01-09", Inspector: "县政府督查室联合检查组", Result: v1alpha1.InspectionConditionallyPassed,
					Findings: []string{"窗口公示办理时限与目录不一致"},
				})
				p.Spec.Phases[2].End = "2009-01-20"
				p.Spec.DisplayName = "县深化行政审批制度改革实施方案"
			})).To(Succeed())
			got := &v1alpha1.ReformPlan{}
			Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(p), got)).To(Succeed())
			Expect(got.Spec.Inspections).To(HaveLen(3))
			Expect(got.Spec.Inspections[:2]).To(Equal(validPlan(p.Namespace).Spec.Inspections))
		})
	})
})
