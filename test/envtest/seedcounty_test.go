package envtest

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

// kubectl runs the real kubectl (from KUBEBUILDER_ASSETS) against the suite's API server.
func kubectl(args ...string) string {
	stdout, stderr, err := testEnv.ControlPlane.KubeCtl().Run(args...)
	out, _ := io.ReadAll(stdout)
	errOut, _ := io.ReadAll(stderr)
	Expect(err).NotTo(HaveOccurred(), "kubectl %v: %s", args, errOut)
	return string(out)
}

// conditioned is every onestop kind.
type conditioned interface {
	client.Object
	GetConditions() []metav1.Condition
}

// conditionOf reads obj's condition of type t: its status, or "" when absent.
func conditionOf(ctx context.Context, obj conditioned, t string) func(Gomega) string {
	return func(g Gomega) string {
		g.Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(obj), obj)).To(Succeed())
		if c := meta.FindStatusCondition(obj.GetConditions(), t); c != nil {
			return string(c.Status)
		}
		return ""
	}
}

// named sets obj's namespace and name, to read it.
func named[T client.Object](obj T, namespace, name string) T {
	obj.SetNamespace(namespace)
	obj.SetName(name)
	return obj
}

var _ = Describe("The seed county", Ordered, func() {
	const ns = "county"
	samples := filepath.Join("..", "..", "config", "samples")

	It("applies with kubectl as 30 departments that meet every rule", func(ctx SpecContext) {
		kubectl("apply", "-k", samples, "--as=onestop-samples", "--as-group=system:masters", "--as-group=onestop:record-importers")

		depts := &v1alpha1.DepartmentList{}
		Eventually(func(g Gomega) {
			g.Expect(k8sClient.List(ctx, depts, client.InNamespace(ns))).To(Succeed())
			g.Expect(depts.Items).To(HaveLen(30))
			for _, d := range depts.Items {
				ready := meta.FindStatusCondition(d.Status.Conditions, v1alpha1.ConditionReady)
				g.Expect(ready).NotTo(BeNil(), "department %s has no Ready condition", d.Name)
				g.Expect(ready.Status).To(BeEquivalentTo("True"), "department %s: %s", d.Name, ready.Message)
				g.Expect(d.Status.ObservedGeneration).To(Equal(d.Generation))
			}
		}).WithTimeout(90 * time.Second).Should(Succeed())

		batches := map[int32]int{}
		for _, d := range depts.Items {
			batches[d.Spec.Batch]++
			Expect(d.Status.Windows).To(BeNumerically(">=", 1), "department %s has no window", d.Name)
			Expect(d.Status.Staff).To(BeNumerically(">=", 1), "department %s has no staff", d.Name)
			Expect(d.Status.TemporaryStaff).To(BeZero(), d.Name)
			Expect(d.Status.UncertifiedStaff).To(BeZero(), d.Name)
			if d.Spec.Batch == 1 {
				Expect(d.Status.Section).To(Equal(d.Name+"-approval"), d.Name)
			} else {
				Expect(d.Spec.ChiefRepresentative).NotTo(BeNil(), d.Name)
			}
			Expect(d.Status.RelocationPercent).To(BeEquivalentTo(100), "department %s relocated %s", d.Name, d.Status.Relocation)
		}
		Expect(batches).To(Equal(map[int32]int{1: 13, 2: 17}))

		items := &v1alpha1.ApprovalItemList{}
		Expect(k8sClient.List(ctx, items, client.InNamespace(ns))).To(Succeed())
		Expect(len(items.Items)).To(BeNumerically(">=", 60))
		Eventually(func(g Gomega) {
			g.Expect(k8sClient.List(ctx, items, client.InNamespace(ns))).To(Succeed())
			for _, it := range items.Items {
				g.Expect(meta.IsStatusConditionTrue(it.Status.Conditions, v1alpha1.ConditionReady)).To(BeTrue(), "item %s: %v", it.Name, it.Status.Conditions)
				if it.Spec.Relocation.Mode == v1alpha1.RelocationRequired && it.Spec.Lifecycle.State != v1alpha1.LifecycleAbolished {
					g.Expect(it.Status.Relocated).To(BeTrue(), "item %s", it.Name)
				}
			}
		}).Should(Succeed())

		windows := &v1alpha1.ServiceWindowList{}
		Expect(k8sClient.List(ctx, windows, client.InNamespace(ns))).To(Succeed())
		temporary := 0
		for _, w := range windows.Items {
			if w.Spec.Mode == v1alpha1.WindowTemporary {
				temporary++
			}
		}
		Expect(temporary).To(Equal(7), "the seed keeps 7 temporary windows")

		centers := &v1alpha1.ServiceCenterList{}
		Expect(k8sClient.List(ctx, centers, client.InNamespace(ns))).To(Succeed())
		Expect(centers.Items).To(HaveLen(5))
		for _, c := range centers.Items {
			Expect(meta.IsStatusConditionTrue(c.Status.Conditions, v1alpha1.ConditionReady)).To(BeTrue(), "center %s: %v", c.Name, c.Status.Conditions)
			Expect(c.Status.WindowsUsed).To(BeNumerically("<=", c.Spec.CapacityWindows))
		}

		Expect(kubectl("get", "departments", "-n", ns)).To(And(
			ContainSubstring("BATCH"), ContainSubstring("SECTION"), ContainSubstring("construction-approval"),
		))
	})

	It("shows each anomaly of the overlay on the object the overlay names", func(ctx SpecContext) {
		kubectl("apply", "-k", filepath.Join(samples, "anomalies"))
		kubectl("delete", "-n", ns, "approvalsection", "commerce-approval")

		type want struct {
			obj       conditioned
			condition string
		}
		for _, w := range []want{
			{named(&v1alpha1.ServiceCenter{}, ns, "traffic-police"), v1alpha1.ConditionOverCapacity},
			{named(&v1alpha1.Department{}, ns, "commerce"), v1alpha1.ConditionSectionMissing},
			{named(&v1alpha1.Department{}, ns, "civil-affairs"), v1alpha1.ConditionChiefRepresentativeMissing},
			{named(&v1alpha1.Department{}, ns, "civil-air-defence"), v1alpha1.ConditionCenterUnstaffed},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-civil-air-defence"), v1alpha1.ConditionUnstaffed},
			{named(&v1alpha1.Department{}, ns, "tobacco"), v1alpha1.ConditionWindowHeadNotCadre},
			{named(&v1alpha1.ApprovalSection{}, ns, "health-approval"), v1alpha1.ConditionTemporaryStaff},
			{named(&v1alpha1.Department{}, ns, "health"), v1alpha1.ConditionTemporaryStaff},
			{named(&v1alpha1.ApprovalSection{}, ns, "land-approval"), v1alpha1.ConditionUncertifiedStaff},
			{named(&v1alpha1.Department{}, ns, "land"), v1alpha1.ConditionUncertifiedStaff},
			{named(&v1alpha1.ApprovalSection{}, ns, "environmental-protection-approval"), v1alpha1.ConditionNotFullyAuthorized},
			{named(&v1alpha1.Department{}, ns, "environmental-protection"), v1alpha1.ConditionNotFullyAuthorized},
			{named(&v1alpha1.ApprovalSection{}, ns, "water-approval"), v1alpha1.ConditionStaffingPlanPending},
			{named(&v1alpha1.ApprovalItem{}, ns, "local-tax-housing-transfer-tax-relief"), v1alpha1.ConditionNotRelocated},
			{named(&v1alpha1.Department{}, ns, "local-tax"), v1alpha1.ConditionNotRelocated},
			{named(&v1alpha1.Department{}, ns, "transport"), v1alpha1.ConditionLeaderInChargeMissing},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-education"), v1alpha1.ConditionHeadMissing},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-prices"), v1alpha1.ConditionScheduleMissing},
			{named(&v1alpha1.ServiceWindow{}, ns, "w-development-reform"), v1alpha1.ConditionStaffNotInRoster},
		} {
			Eventually(conditionOf(ctx, w.obj, w.condition)).Should(Equal("True"),
				fmt.Sprintf("%T %s should show %s", w.obj, w.obj.GetName(), w.condition))
			Expect(conditionOf(ctx, w.obj, v1alpha1.ConditionReady)(Default)).To(Equal("False"))
		}
		Eventually(eventsFor(ctx, ns, "land-approval")).Should(ContainElement("Warning UncertifiedStaff"))
		Expect(kubectl("describe", "department", "-n", ns, "civil-affairs")).To(ContainSubstring("name one in spec.chiefRepresentative"))
	})

	It("clears an anomaly once it is fixed, and says so in an event", func(ctx SpecContext) {
		section := &v1alpha1.ApprovalSection{}
		Expect(k8sClient.Get(ctx, types.NamespacedName{Namespace: ns, Name: "land-approval"}, section)).To(Succeed())
		patch := client.MergeFrom(section.DeepCopy())
		for i := range section.Spec.Roster {
			if c := section.Spec.Roster[i].Certificate; c != nil && c.Expires < "2009-01-01" {
				c.Expires = "2030-12-31"
			}
		}
		Expect(k8sClient.Patch(ctx, section, patch)).To(Succeed())

		Eventually(conditionOf(ctx, section, v1alpha1.ConditionUncertifiedStaff)).Should(BeEmpty())
		Eventually(conditionOf(ctx, section, v1alpha1.ConditionReady)).Should(Equal("True"))
		Eventually(conditionOf(ctx, named(&v1alpha1.Department{}, ns, "land"), v1alpha1.ConditionReady)).Should(Equal("True"))
		Eventually(eventsFor(ctx, ns, "land-approval")).Should(ContainElement("Normal UncertifiedStaffResolved"))
	})
})
