package envtest

import (
	"time"

	"context"
	"errors"
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// ---- Catalog fixtures ---------------------------------------------------------------------

// catItem is an active, category 1 item of dept that must be handled in center.
func catItem(ns, name, code, displayName, dept, center string) *v1alpha1.ApprovalItem {
	return &v1alpha1.ApprovalItem{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: v1alpha1.ApprovalItemSpec{
			Code:               code,
			DisplayName:        displayName,
			Department:         dept,
			ApprovalType:       v1alpha1.ApprovalLicensing,
			Category:           1,
			StatutoryLimitDays: 20,
			Relocation:         v1alpha1.Relocation{Mode: v1alpha1.RelocationRequired},
			Center:             center,
			SilencePolicy:      v1alpha1.SilenceConsent,
			Lifecycle:          v1alpha1.Lifecycle{State: v1alpha1.LifecycleActive},
			LegalBasis:         "《中华人民共和国行政许可法》",
		},
	}
}

// catExempt makes item exempt from relocation, with its reason.
func catExempt(item *v1alpha1.ApprovalItem) *v1alpha1.ApprovalItem {
	item.Spec.Relocation = v1alpha1.Relocation{Mode: v1alpha1.RelocationExempt, ExemptReason: "需现场勘验"}
	return item
}

// catAbolished abolishes item by a county decree.
func catAbolished(item *v1alpha1.ApprovalItem) *v1alpha1.ApprovalItem {
	item.Spec.Lifecycle = v1alpha1.Lifecycle{State: v1alpha1.LifecycleAbolished, Since: "2008-11-30", Decision: "县政府令第5号"}
	return item
}

// catCategory3 makes item a category 3 item with a promised deadline.
func catCategory3(item *v1alpha1.ApprovalItem, promised int32) *v1alpha1.ApprovalItem {
	item.Spec.Category = 3
	item.Spec.PromisedLimitDays = promised
	return item
}

// catObject is every onestop kind, read with its conditions.
type catObject interface {
	client.Object
	GetConditions() []metav1.Condition
}

// catRead reads obj from the API server into obj.
func catRead(ctx context.Context, g Gomega, obj client.Object) {
	g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(obj), obj)).To(Succeed())
}

// catCondition reads obj and returns its condition of type t, nil when absent.
func catCondition(ctx context.Context, obj catObject, t string) func(Gomega) *metav1.Condition {
	return func(g Gomega) *metav1.Condition {
		catRead(ctx, g, obj)
		return meta.FindStatusCondition(obj.GetConditions(), t)
	}
}

// catTrue matches a condition that holds with reason and message.
func catTrue(reason, message string) OmegaMatcher {
	return And(
		Not(BeNil()),
		HaveField("Status", metav1.ConditionTrue),
		HaveField("Reason", reason),
		HaveField("Message", message),
	)
}

// catDelete deletes obj, whether or not it still exists, when the spec ends.
func catDelete(obj client.Object) {
	DeferCleanup(func(ctx SpecContext) {
		Expect(client.IgnoreNotFound(k8sClient.Delete(ctx, obj))).To(Succeed())
	})
}

// catCalendar is a WorkCalendar in Asia/Shanghai covering years, each with New Year's Day as
// its holiday. Cluster-scoped: the name comes from generateName, unique per spec, and the
// calendar is deleted when the spec ends.
func catCalendar(ctx context.Context, prefix string, years ...int32) *v1alpha1.WorkCalendar {
	wc := &v1alpha1.WorkCalendar{
		ObjectMeta: metav1.ObjectMeta{GenerateName: prefix},
		Spec: v1alpha1.WorkCalendarSpec{
			DisplayName:     "test calendar",
			TimeZone:        "Asia/Shanghai",
			CloseOfBusiness: "17:30",
			Weekend:         []string{"Saturday", "Sunday"},
		},
	}
	for _, y := range years {
		wc.Spec.Years = append(wc.Spec.Years, catYear(y))
	}
	Expect(k8sClient.Create(ctx, wc)).To(Succeed())
	catDelete(wc)
	return wc
}

// catYear is one calendar year with New Year's Day as its only holiday.
func catYear(y int32) v1alpha1.CalendarYear {
	return v1alpha1.CalendarYear{
		Year:     y,
		Source:   "国办发明电",
		Holidays: []v1alpha1.Holiday{{Name: "元旦 (New Year's Day)", From: fmt.Sprintf("%d-01-01", y)}},
	}
}

// ---- Validation fixtures ------------------------------------------------------------------

// catValidItem is an ApprovalItem with every field that the rules look at set, and valid:
// category 3, one allowed extension, a co-approver, relocated into the Center.
func catValidItem(ns string) *v1alpha1.ApprovalItem {
	item := catCategory3(catItem(ns, "js-003", "JS-003", "建筑工程施工许可", "construction", "county-center"), 10)
	item.Spec.Extension = &v1alpha1.Extension{Allowed: true, Days: 10}
	item.Spec.ReviewMode = v1alpha1.ReviewThenApprove
	item.Spec.CoApprovers = []v1alpha1.CoApprover{{Department: "land", LimitDays: 15}}
	item.Spec.RequiredMaterials = []v1alpha1.Material{{Name: "建设工程规划许可证", Original: true}}
	item.Spec.Lifecycle.Since = "2008-12-01"
	item.Spec.LegalBasis = "《中华人民共和国建筑法》第七条"
	return item
}

// catValidCalendar is a WorkCalendar of 2009 with a holiday range and an adjusted working
// day. Its name is unique per namespace.
func catValidCalendar(ns string) *v1alpha1.WorkCalendar {
	return &v1alpha1.WorkCalendar{
		ObjectMeta: metav1.ObjectMeta{Name: "cal-" + ns},
		Spec: v1alpha1.WorkCalendarSpec{
			DisplayName:     "中国大陆法定工作日",
			TimeZone:        "Asia/Shanghai",
			CloseOfBusiness: "17:30",
			Weekend:         []string{"Saturday", "Sunday"},
			Years: []v1alpha1.CalendarYear{{
				Year:                2009,
				Source:              "国办发明电〔2008〕62号",
				Holidays:            []v1alpha1.Holiday{{Name: "春节", From: "2009-01-25", To: "2009-01-31"}},
				AdjustedWorkingDays: []v1alpha1.AdjustedWorkingDay{{Date: "2009-01-24", Name: "春节调休"}},
			}},
		},
	}
}

// catBuilder makes the object a validation entry sends, in the entry's namespace.
type catBuilder func(ns string) client.Object

func catItemWith(edit func(*v1alpha1.ApprovalItem)) catBuilder {
	return func(ns string) client.Object { it := catValidItem(ns); edit(it); return it }
}

func catCalendarWith(edit func(*v1alpha1.WorkCalendar)) catBuilder {
	return func(ns string) client.Object { wc := catValidCalendar(ns); edit(wc); return wc }
}

// catRule is the cause the API server gives for a CEL rule: the rule's message as declared.
func catRule(message string) OmegaMatcher { return Equal("Invalid value: " + message) }

// catPattern is the cause the API server gives for a value that fails a field's pattern.
func catPattern(field, value, pattern string) OmegaMatcher {
	return Equal(fmt.Sprintf("Invalid value: %q: %s in body should match '%s'", value, field, pattern))
}

// catItemWithRaw sends catValidItem changed by edit, with the field at path set to value as
// raw JSON: Go's omitempty fields cannot send an explicit 0.
func catItemWithRaw(edit func(*v1alpha1.ApprovalItem), value any, path ...string) catBuilder {
	return func(ns string) client.Object {
		it := catValidItem(ns)
		edit(it)
		raw, err := runtime.DefaultUnstructuredConverter.ToUnstructured(it)
		Expect(err).NotTo(HaveOccurred())
		u := &unstructured.Unstructured{Object: raw}
		u.SetGroupVersionKind(v1alpha1.GroupVersion.WithKind("ApprovalItem"))
		Expect(unstructured.SetNestedField(u.Object, value, path...)).To(Succeed())
		return u
	}
}

// catExpectRejected sends b's object and expects 422 Invalid with exactly one cause, at
// field, whose message matches message. The API server adds a cause "some validation rules
// were not checked" when a schema error made it skip the CEL rules; that cause is no fault of
// its own and is ignored.
func catExpectRejected(ctx context.Context, b catBuilder, field string, message OmegaMatcher) {
	obj := b(newNamespace(ctx))
	err := k8sClient.Create(ctx, obj)
	if err == nil {
		catDelete(obj)
	}
	Expect(err).To(HaveOccurred(), "the API server accepted %s", obj.GetName())
	Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid, got %v", err)
	var status apierrors.APIStatus
	Expect(errors.As(err, &status)).To(BeTrue(), "want an API status, got %v", err)
	Expect(status.Status().Details).NotTo(BeNil())
	var faults []metav1.StatusCause
	for _, c := range status.Status().Details.Causes {
		if !strings.Contains(c.Message, "some validation rules were not checked") {
			faults = append(faults, c)
		}
	}
	Expect(faults).To(ConsistOf(And(
		HaveField("Field", field),
		HaveField("Message", message),
	)), "exactly one thing is wrong, so exactly one cause: %v", err)
}

var _ = Describe("Catalog and relocation", func() {
	var ns string
	BeforeEach(func(ctx SpecContext) { ns = newNamespace(ctx) })

	It("counts a department's relocation from its windows, sub-centers and items", func(ctx SpecContext) {
		Expect(k8sClient.Create(ctx, center(ns, "county-center", ""))).To(Succeed())
		dept := department(ns, "construction", 2)
		dept.Spec.ChiefRepresentative = &v1alpha1.Person{Name: "陈明", Employment: v1alpha1.EmploymentFormal}
		Expect(k8sClient.Create(ctx, dept)).To(Succeed())

		required := []*v1alpha1.ApprovalItem{
			catCategory3(catItem(ns, "js-001", "JS-001", "建筑工程施工许可", "construction", "county-center"), 10),
			catItem(ns, "js-002", "JS-002", "建设工程竣工验收备案", "construction", "county-center"),
			catItem(ns, "js-003", "JS-003", "房地产开发企业资质核定", "construction", "county-center"),
		}
		exempt := catExempt(catItem(ns, "js-009", "JS-009", "城市道路挖掘许可", "construction", ""))
		abolished := catAbolished(catItem(ns, "js-010", "JS-010", "建筑业企业资质年检", "construction", "county-center"))
		for _, it := range append(required, exempt, abolished) {
			Expect(k8sClient.Create(ctx, it)).To(Succeed())
		}

		By("counting three required items of four, none relocated; the abolished one is out")
		notRelocated := func(relocated int, missing string) string {
			return fmt.Sprintf("construction has relocated %d of 3 items that must be handled in the Center; not yet: %s. Staff a window for them in their centers (see each item's NotRelocated condition).", relocated, missing)
		}
		Eventually(func(g Gomega) {
			catRead(ctx, g, dept)
			g.Expect(dept.Status.ObservedGeneration).To(Equal(dept.Generation))
			g.Expect(dept.Status).To(And(
				HaveField("ItemsTotal", BeEquivalentTo(4)),
				HaveField("ItemsRequired", BeEquivalentTo(3)),
				HaveField("ItemsRelocated", BeEquivalentTo(0)),
				HaveField("Relocation", "0/3"),
				HaveField("RelocationPercent", BeEquivalentTo(0)),
			))
			g.Expect(meta.FindStatusCondition(dept.Status.Conditions, v1alpha1.ConditionNotRelocated)).
				To(catTrue(v1alpha1.ConditionNotRelocated, notRelocated(0, "JS-001, JS-002, JS-003")))
		}).Should(Succeed())
		for _, it := range required {
			Eventually(catCondition(ctx, it, v1alpha1.ConditionNotRelocated)).Should(catTrue(v1alpha1.ConditionNotRelocated,
				fmt.Sprintf("Item %s %s must be handled in center county-center, but construction has no window there: declare a ServiceWindow for it in county-center, or mark the item Exempt with the reason.",
					it.Spec.Code, it.Spec.DisplayName)))
			Expect(it.Status).To(And(HaveField("Relocated", false), HaveField("RelocatedSince", BeNil()), HaveField("HandlingWindow", "")))
		}
		Eventually(catCondition(ctx, exempt, v1alpha1.ConditionReady)).Should(HaveField("Status", metav1.ConditionTrue))
		Expect(meta.FindStatusCondition(exempt.Status.Conditions, v1alpha1.ConditionNotRelocated)).To(BeNil())
		Expect(exempt.Status.Relocated).To(BeFalse())
		Eventually(catCondition(ctx, abolished, v1alpha1.ConditionReady)).Should(catTrue(v1alpha1.ReasonAbolished,
			"The item was abolished on 2008-11-30 by 县政府令第5号 and is out of every count."))
		Expect(meta.FindStatusCondition(abolished.Status.Conditions, v1alpha1.ConditionNotRelocated)).To(BeNil())

		By("staffing a window in the center: every required item is relocated through it")
		win := window(ns, "construction-a01", "county-center", "construction", "")
		Expect(k8sClient.Create(ctx, win)).To(Succeed())
		Eventually(func(g Gomega) {
			catRead(ctx, g, dept)
			g.Expect(dept.Status).To(And(
				HaveField("ItemsTotal", BeEquivalentTo(4)),
				HaveField("ItemsRequired", BeEquivalentTo(3)),
				HaveField("ItemsRelocated", BeEquivalentTo(3)),
				HaveField("Relocation", "3/3"),
				HaveField("RelocationPercent", BeEquivalentTo(100)),
			))
			g.Expect(meta.FindStatusCondition(dept.Status.Conditions, v1alpha1.ConditionNotRelocated)).To(BeNil())
		}).Should(Succeed())
		for _, it := range required {
			Eventually(func(g Gomega) {
				catRead(ctx, g, it)
				g.Expect(it.Status.Relocated).To(BeTrue())
				g.Expect(it.Status.HandlingWindow).To(Equal("construction-a01"))
				g.Expect(it.Status.RelocatedSince).NotTo(BeNil())
				g.Expect(it.Status.RelocatedSince.Time).To(BeTemporally("~", clk.Now(), time.Minute))
				g.Expect(meta.FindStatusCondition(it.Status.Conditions, v1alpha1.ConditionNotRelocated)).To(BeNil())
			}).Should(Succeed())
		}
		Expect(abolished.Status.Relocated).To(BeFalse(), "an abolished item is out of every count, relocation included")
		Eventually(eventsFor(ctx, ns, dept.Name)).Should(ContainElement("Normal NotRelocatedResolved"))

		By("removing the window: back to none of three")
		Expect(k8sClient.Delete(ctx, win)).To(Succeed())
		Eventually(func(g Gomega) {
			catRead(ctx, g, dept)
			g.Expect(dept.Status).To(And(
				HaveField("ItemsRelocated", BeEquivalentTo(0)),
				HaveField("Relocation", "0/3"),
				HaveField("RelocationPercent", BeEquivalentTo(0)),
			))
			g.Expect(meta.FindStatusCondition(dept.Status.Conditions, v1alpha1.ConditionNotRelocated)).
				To(catTrue(v1alpha1.ConditionNotRelocated, notRelocated(0, "JS-001, JS-002, JS-003")))
		}).Should(Succeed())
		for _, it := range required {
			Eventually(func(g Gomega) {
				catRead(ctx, g, it)
				g.Expect(it.Status).To(And(HaveField("Relocated", false), HaveField("RelocatedSince", BeNil()), HaveField("HandlingWindow", "")))
				g.Expect(meta.FindStatusCondition(it.Status.Conditions, v1alpha1.ConditionNotRelocated)).NotTo(BeNil())
			}).Should(Succeed())
		}

		By("running a sub-center: its items are relocated without a window")
		realEstate := center(ns, "real-estate", "county-center")
		realEstate.Spec.HostDepartment = "construction"
		Expect(k8sClient.Create(ctx, realEstate)).To(Succeed())
		trading := catItem(ns, "js-020", "JS-020", "商品房预售许可", "construction", "real-estate")
		Expect(k8sClient.Create(ctx, trading)).To(Succeed())
		Eventually(func(g Gomega) {
			catRead(ctx, g, trading)
			g.Expect(trading.Status.Relocated).To(BeTrue())
			g.Expect(trading.Status.RelocatedSince).NotTo(BeNil())
			g.Expect(meta.FindStatusCondition(trading.Status.Conditions, v1alpha1.ConditionNotRelocated)).To(BeNil())
			g.Expect(meta.FindStatusCondition(trading.Status.Conditions, v1alpha1.ConditionReady)).
				To(HaveField("Status", metav1.ConditionTrue))
		}).Should(Succeed())
		// Relocated through the sub-center the department runs, not through a window.
		Expect(trading.Status.HandlingWindow).To(BeEmpty())
		Eventually(func(g Gomega) {
			catRead(ctx, g, dept)
			g.Expect(dept.Status).To(And(
				HaveField("ItemsTotal", BeEquivalentTo(5)),
				HaveField("ItemsRequired", BeEquivalentTo(4)),
				HaveField("ItemsRelocated", BeEquivalentTo(1)),
				HaveField("Relocation", "1/4"),
				HaveField("RelocationPercent", BeEquivalentTo(25)),
			))
			g.Expect(meta.FindStatusCondition(dept.Status.Conditions, v1alpha1.ConditionNotRelocated)).
				To(HaveField("Message", ContainSubstring("has relocated 1 of 4 items that must be handled in the Center; not yet: JS-001, JS-002, JS-003.")))
		}).Should(Succeed())
	})

	It("marks an item whose department is missing CatalogInvalid until the department appears", func(ctx SpecContext) {
		Expect(k8sClient.Create(ctx, center(ns, "county-center", ""))).To(Succeed())
		item := catExempt(catItem(ns, "gh-001", "GH-001", "建设项目选址意见书", "planning", "county-center"))
		Expect(k8sClient.Create(ctx, item)).To(Succeed())

		const message = `Catalog entry GH-001 建设项目选址意见书 is invalid: department "planning" does not exist (create it or correct spec.department).`
		Eventually(catCondition(ctx, item, v1alpha1.ConditionCatalogInvalid)).Should(catTrue(v1alpha1.ConditionCatalogInvalid, message))
		Expect(meta.FindStatusCondition(item.Status.Conditions, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionFalse),
			HaveField("Reason", v1alpha1.ConditionCatalogInvalid),
		))
		Eventually(eventsFor(ctx, ns, item.Name)).Should(ContainElement("Warning CatalogInvalid"))

		// Nothing requeues an item: only the watch on departments can clear it.
		Expect(k8sClient.Create(ctx, department(ns, "planning", 2))).To(Succeed())
		Eventually(catCondition(ctx, item, v1alpha1.ConditionCatalogInvalid)).Should(BeNil())
		Expect(meta.FindStatusCondition(item.Status.Conditions, v1alpha1.ConditionReady)).To(catTrue(v1alpha1.ReasonReconciled,
			"The item is in the catalog and handled where it should be."))
		Eventually(eventsFor(ctx, ns, item.Name)).Should(ContainElement("Normal CatalogInvalidResolved"))
	})

	It("marks two items sharing a code CatalogInvalid, each naming the other, until one goes", func(ctx SpecContext) {
		Expect(k8sClient.Create(ctx, center(ns, "county-center", ""))).To(Succeed())
		Expect(k8sClient.Create(ctx, department(ns, "construction", 2))).To(Succeed())
		first := catExempt(catItem(ns, "js-001", "JS-001", "建筑工程施工许可", "construction", ""))
		second := catExempt(catItem(ns, "js-001-copy", "JS-001", "建筑工程施工许可 (副本)", "construction", ""))
		other := catExempt(catItem(ns, "js-002", "JS-002", "建设工程竣工验收备案", "construction", ""))
		for _, it := range []*v1alpha1.ApprovalItem{first, second, other} {
			Expect(k8sClient.Create(ctx, it)).To(Succeed())
		}

		Eventually(catCondition(ctx, first, v1alpha1.ConditionCatalogInvalid)).Should(catTrue(v1alpha1.ConditionCatalogInvalid,
			"Catalog entry JS-001 建筑工程施工许可 is invalid: code JS-001 is also used by js-001-copy (give each item its own code)."))
		Eventually(catCondition(ctx, second, v1alpha1.ConditionCatalogInvalid)).Should(catTrue(v1alpha1.ConditionCatalogInvalid,
			"Catalog entry JS-001 建筑工程施工许可 (副本) is invalid: code JS-001 is also used by js-001 (give each item its own code)."))
		Eventually(catCondition(ctx, other, v1alpha1.ConditionReady)).Should(HaveField("Status", metav1.ConditionTrue))
		Expect(meta.FindStatusCondition(other.Status.Conditions, v1alpha1.ConditionCatalogInvalid)).To(BeNil())

		By("deleting the copy clears the original")
		Expect(k8sClient.Delete(ctx, second)).To(Succeed())
		Eventually(catCondition(ctx, first, v1alpha1.ConditionCatalogInvalid)).Should(BeNil())
		Expect(meta.FindStatusCondition(first.Status.Conditions, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))

		By("an abolished item keeps its code without making the live one a duplicate")
		old := catAbolished(catExempt(catItem(ns, "js-001-2007", "JS-001", "建筑工程施工许可 (旧)", "construction", "")))
		Expect(k8sClient.Create(ctx, old)).To(Succeed())
		Eventually(catCondition(ctx, old, v1alpha1.ConditionReady)).Should(HaveField("Reason", v1alpha1.ReasonAbolished))
		Consistently(catCondition(ctx, first, v1alpha1.ConditionCatalogInvalid), "2s").Should(BeNil())
	})

	DescribeTable("the API server rejects a catalog entry or calendar that breaks a rule, saying which",
		func(ctx SpecContext, b catBuilder, field string, message OmegaMatcher) {
			catExpectRejected(ctx, b, field, message)
		},
		Entry("promised limit above the statutory one",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.PromisedLimitDays = 21 }),
			"spec", catRule("spec.promisedLimitDays must not exceed spec.statutoryLimitDays: the Center may promise to decide sooner than the law allows, never later")),
		// Go clients omit days: 0 (omitempty); the rule must still give its own message.
		Entry("an allowed extension without its days",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Extension = &v1alpha1.Extension{Allowed: true} }),
			"spec", catRule("an allowed extension needs its length: set spec.extension.days (the law allows 10 working days)")),
		Entry("an allowed extension of 0 days",
			catItemWithRaw(func(it *v1alpha1.ApprovalItem) { it.Spec.Extension = &v1alpha1.Extension{Allowed: true} },
				int64(0), "spec", "extension", "days"),
			"spec", catRule("an allowed extension needs its length: set spec.extension.days (the law allows 10 working days)")),
		Entry("extension days on an extension not allowed",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Extension = &v1alpha1.Extension{Allowed: false, Days: 10} }),
			"spec", catRule("spec.extension.days is set but spec.extension.allowed is false: allow the extension or remove its days")),
		Entry("an Exempt item without the reason",
			catItemWith(func(it *v1alpha1.ApprovalItem) {
				it.Spec.Relocation = v1alpha1.Relocation{Mode: v1alpha1.RelocationExempt}
			}),
			"spec", catRule("an item exempt from relocation needs the reason: set spec.relocation.exemptReason")),
		Entry("a Required item without a center",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Center = "" }),
			"spec", catRule("an item that must relocate needs the center or sub-center that handles it: set spec.center")),
		Entry("the lead department as its own co-approver",
			catItemWith(func(it *v1alpha1.ApprovalItem) {
				it.Spec.CoApprovers = append(it.Spec.CoApprovers, v1alpha1.CoApprover{Department: "construction", LimitDays: 10})
			}),
			"spec", catRule("the lead department cannot co-approve its own item: remove it from spec.coApprovers")),
		Entry("a co-approver's limit above the statutory limit",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.CoApprovers[0].LimitDays = 21 }),
			"spec", catRule("a co-approver's limitDays must not exceed the item's statutoryLimitDays: parallel approval runs inside the item's own limit")),
		Entry("a category 3 item promising 0 days",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.PromisedLimitDays = 0 }),
			"spec", catRule("a category 3 item has a promised deadline: set spec.promisedLimitDays above 0")),
		Entry("a Suspended item without the decision",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Lifecycle.State = v1alpha1.LifecycleSuspended }),
			"spec.lifecycle", catRule("a suspended or abolished item needs the decision that changed it: set spec.lifecycle.decision")),
		Entry("an Abolished item without the decision",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Lifecycle.State = v1alpha1.LifecycleAbolished }),
			"spec.lifecycle", catRule("a suspended or abolished item needs the decision that changed it: set spec.lifecycle.decision")),
		Entry("a code in lower case",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Code = "js-003" }),
			"spec.code", catPattern("spec.code", "js-003", `^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)),
		Entry("a code without a dash",
			catItemWith(func(it *v1alpha1.ApprovalItem) { it.Spec.Code = "JS003" }),
			"spec.code", catPattern("spec.code", "JS003", `^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)),
		Entry("a calendar whose weekend is all seven days",
			catCalendarWith(func(wc *v1alpha1.WorkCalendar) {
				wc.Spec.Weekend = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
			}),
			"spec", catRule("spec.weekend cannot hold all seven days: a calendar needs working days")),
		Entry("a holiday that ends before it starts",
			catCalendarWith(func(wc *v1alpha1.WorkCalendar) { wc.Spec.Years[0].Holidays[0].To = "2009-01-24" }),
			"spec.years[0].holidays[0]", catRule("a holiday's spec.years[].holidays[].to must not be before its from")),
	)

	It("accepts the valid catalog entry and calendar the rejections start from", func(ctx SpecContext) {
		item := catValidItem(ns)
		Expect(k8sClient.Create(ctx, item)).To(Succeed())
		wc := catValidCalendar(ns)
		Expect(k8sClient.Create(ctx, wc)).To(Succeed())
		catDelete(wc)
		// A one-day holiday (no "to") and a weekend of six days are allowed.
		oneDay := catValidCalendar(ns + "-b")
		oneDay.Spec.Years[0].Holidays[0].To = ""
		oneDay.Spec.Weekend = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
		oneDay.Spec.Years[0].AdjustedWorkingDays = nil
		Expect(k8sClient.Create(ctx, oneDay)).To(Succeed())
		catDelete(oneDay)
	})

	It("reports the sample calendar's years and working days", func(ctx SpecContext) {
		wc := &v1alpha1.WorkCalendar{ObjectMeta: metav1.ObjectMeta{Name: "cn-mainland"}}
		Eventually(func(g Gomega) {
			catRead(ctx, g, wc)
			g.Expect(wc.Status.ObservedGeneration).To(Equal(wc.Generation))
			g.Expect(wc.Status.YearsCovered).To(ContainElements(BeEquivalentTo(2008), BeEquivalentTo(2009)))
			g.Expect(wc.Status.WorkingDays).To(HaveKeyWithValue("2008", BeEquivalentTo(251)))
			g.Expect(wc.Status.WorkingDays).To(HaveKeyWithValue("2009", BeEquivalentTo(250)))
			g.Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionReady)).To(catTrue(v1alpha1.ReasonReconciled,
				"The calendar covers the current year."))
			g.Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionCalendarDataMissing)).To(BeNil())
		}).Should(Succeed())
		Expect(kstatusOf(ctx, wc)()).To(Equal(status.CurrentStatus))
	})

	It("reports a calendar without the current year, and the centers on it, until the year is added", func(ctx SpecContext) {
		// The current year is 2008, whatever other specs did with the clock.
		DeferCleanup(func() { clk.SetTime(acHarmless) })
		clk.SetTime(acHarmless)
		wc := catCalendar(ctx, "cn-2010-only-", 2010)
		const advice = `, so no deadline in 2008 can be computed: add year 2008 (holidays and adjusted working days) to the WorkCalendar once the State Council publishes it.`
		missing := func(subject string) string {
			if subject == "" {
				return fmt.Sprintf(`WorkCalendar %q does not cover 2008`, wc.Name) + advice
			}
			return fmt.Sprintf(`%s counts deadlines on WorkCalendar %q, which does not cover 2008`, subject, wc.Name) + advice
		}
		Eventually(func(g Gomega) {
			catRead(ctx, g, wc)
			g.Expect(wc.Status.YearsCovered).To(Equal([]int32{2010}))
			g.Expect(wc.Status.WorkingDays).To(HaveKey("2010"))
			g.Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionCalendarDataMissing)).
				To(catTrue(v1alpha1.ConditionCalendarDataMissing, missing("")))
			g.Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionReady)).To(And(
				HaveField("Status", metav1.ConditionFalse),
				HaveField("Reason", v1alpha1.ConditionCalendarDataMissing),
			))
		}).Should(Succeed())

		c := center(ns, "county-center", "")
		c.Spec.Calendar = wc.Name
		Expect(k8sClient.Create(ctx, c)).To(Succeed())
		Eventually(catCondition(ctx, c, v1alpha1.ConditionCalendarDataMissing)).
			Should(catTrue(v1alpha1.ConditionCalendarDataMissing, missing("Center county-center")))

		By("adding 2008 to the calendar clears both")
		patch := client.MergeFrom(wc.DeepCopy())
		wc.Spec.Years = append([]v1alpha1.CalendarYear{catYear(2008)}, wc.Spec.Years...)
		Expect(k8sClient.Patch(ctx, wc, patch)).To(Succeed())
		Eventually(func(g Gomega) {
			catRead(ctx, g, wc)
			g.Expect(wc.Status.YearsCovered).To(Equal([]int32{2008, 2010}))
			g.Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionCalendarDataMissing)).To(BeNil())
			g.Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))
		}).Should(Succeed())
		Eventually(catCondition(ctx, c, v1alpha1.ConditionCalendarDataMissing)).Should(BeNil())
		Eventually(catCondition(ctx, c, v1alpha1.ConditionReady)).Should(HaveField("Status", metav1.ConditionTrue))
	})

	It("stalls a calendar whose adjusted working day is a weekday, naming the date", func(ctx SpecContext) {
		wc := catCalendar(ctx, "cn-bad-adjusted-", 2008, 2009)
		patch := client.MergeFrom(wc.DeepCopy())
		// 2009-01-07 is a Wednesday.
		wc.Spec.Years[1].AdjustedWorkingDays = []v1alpha1.AdjustedWorkingDay{{Date: "2009-01-07", Name: "元旦调休"}}
		Expect(k8sClient.Patch(ctx, wc, patch)).To(Succeed())

		Eventually(catCondition(ctx, wc, v1alpha1.ConditionStalled)).Should(And(
			HaveField("Status", metav1.ConditionTrue),
			HaveField("Reason", v1alpha1.ReasonInvalidCalendarData),
			HaveField("Message", fmt.Sprintf(`invalid WorkCalendar %q: adjusted working day 2009-01-07 ("元旦调休") is a Wednesday, already a working day: remove it or correct the date. Correct the data; until then no deadline counts on this calendar.`, wc.Name)),
		))
		Eventually(kstatusOf(ctx, wc)).Should(Equal(status.FailedStatus))
		Expect(wc.Status.WorkingDays).To(BeEmpty(), "no working days are counted on invalid data")
		Expect(meta.FindStatusCondition(wc.Status.Conditions, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionFalse),
			HaveField("Reason", v1alpha1.ReasonInvalidCalendarData),
		))

		By("a center on the calendar waits for it to be corrected")
		c := center(ns, "county-center", "")
		c.Spec.Calendar = wc.Name
		Expect(k8sClient.Create(ctx, c)).To(Succeed())
		Eventually(catCondition(ctx, c, v1alpha1.ConditionReconciling)).Should(And(
			HaveField("Status", metav1.ConditionTrue),
			HaveField("Reason", v1alpha1.ReasonInvalidCalendarData),
			HaveField("Message", fmt.Sprintf(`Center county-center counts deadlines on WorkCalendar %q, whose data is invalid: see its Stalled condition.`, wc.Name)),
		))
	})

	It("holds a center whose calendar does not exist until it is created", func(ctx SpecContext) {
		name := "cn-missing-" + ns
		c := center(ns, "county-center", "")
		c.Spec.Calendar = name
		Expect(k8sClient.Create(ctx, c)).To(Succeed())

		Eventually(catCondition(ctx, c, v1alpha1.ConditionReconciling)).Should(And(
			HaveField("Status", metav1.ConditionTrue),
			HaveField("Reason", v1alpha1.ReasonCalendarNotFound),
			HaveField("Message", And(
				ContainSubstring(fmt.Sprintf(`Center county-center names WorkCalendar %q in spec.calendar, which does not exist`, name)),
				ContainSubstring("create it or correct spec.calendar."),
			)),
		))
		Expect(kstatusOf(ctx, c)()).To(Equal(status.InProgressStatus))
		Expect(meta.FindStatusCondition(c.Status.Conditions, v1alpha1.ConditionReady)).To(And(
			HaveField("Status", metav1.ConditionFalse),
			HaveField("Reason", v1alpha1.ReasonCalendarNotFound),
		))

		By("creating the calendar wakes the center")
		wc := &v1alpha1.WorkCalendar{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec:       v1alpha1.WorkCalendarSpec{TimeZone: "Asia/Shanghai", Years: []v1alpha1.CalendarYear{catYear(2008), catYear(2009)}},
		}
		Expect(k8sClient.Create(ctx, wc)).To(Succeed())
		catDelete(wc)
		Eventually(catCondition(ctx, c, v1alpha1.ConditionReconciling)).Should(BeNil())
		Eventually(kstatusOf(ctx, c)).Should(Equal(status.CurrentStatus))
		Expect(meta.FindStatusCondition(c.Status.Conditions, v1alpha1.ConditionReady)).To(HaveField("Status", metav1.ConditionTrue))
	})
})
