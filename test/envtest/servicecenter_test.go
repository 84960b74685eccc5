package envtest

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

func center(namespace, name, parent string) *v1alpha1.ServiceCenter {
	c := &v1alpha1.ServiceCenter{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Spec: v1alpha1.ServiceCenterSpec{
			DisplayName:     name,
			CapacityWindows: 40,
			Calendar:        "cn-mainland",
		},
	}
	if parent != "" {
		c.Spec.Parent = parent
		c.Spec.HostDepartment = "public-security"
	}
	return c
}

func readyOf(ctx context.Context, c *v1alpha1.ServiceCenter) func() *metav1.Condition {
	return func() *metav1.Condition {
		got := &v1alpha1.ServiceCenter{}
		if err := k8sClient.Get(ctx, client.ObjectKeyFromObject(c), got); err != nil {
			return nil
		}
		return meta.FindStatusCondition(got.Status.Conditions, v1alpha1.ConditionReady)
	}
}

var _ = Describe("ServiceCenter", func() {
	var ns string
	BeforeEach(func(ctx SpecContext) { ns = newNamespace(ctx) })

	It("brings a center and its sub-center to Ready, which kstatus reads as Current", func(ctx SpecContext) {
		main := center(ns, "center", "")
		sub := center(ns, "traffic-police", "center")
		Expect(k8sClient.Create(ctx, department(ns, "public-security", 1))).To(Succeed())
		Expect(k8sClient.Create(ctx, main)).To(Succeed())
		Expect(k8sClient.Create(ctx, sub)).To(Succeed())

		Eventually(kstatusOf(ctx, main)).Should(Equal(status.CurrentStatus))
		Eventually(kstatusOf(ctx, sub)).Should(Equal(status.CurrentStatus))
		Expect(readyOf(ctx, sub)()).To(HaveField("Status", metav1.ConditionTrue))
		Eventually(func() int32 {
			_ = k8sClient.Get(ctx, client.ObjectKeyFromObject(main), main)
			return main.Status.SubCenters
		}).Should(BeEquivalentTo(1))
		Expect(main.Status.ObservedGeneration).To(Equal(main.Generation))
	})

	It("holds a sub-center whose parent is missing until the parent appears", func(ctx SpecContext) {
		sub := center(ns, "real-estate", "center")
		Expect(k8sClient.Create(ctx, department(ns, "public-security", 1))).To(Succeed())
		Expect(k8sClient.Create(ctx, sub)).To(Succeed())

		Eventually(readyOf(ctx, sub)).Should(And(
			HaveField("Status", metav1.ConditionFalse),
			HaveField("Reason", v1alpha1.ReasonParentNotFound),
			HaveField("Message", ContainSubstring(`names ServiceCenter "center" in spec.parent, which does not exist in namespace `+ns)),
		))
		Expect(kstatusOf(ctx, sub)()).To(Equal(status.InProgressStatus))
		Eventually(eventsFor(ctx, ns, sub.Name)).Should(ConsistOf("Warning ParentNotFound"))

		// The parent's creation alone must wake the sub-center: nothing polls.
		Expect(k8sClient.Create(ctx, center(ns, "center", ""))).To(Succeed())
		Eventually(readyOf(ctx, sub)).Should(HaveField("Status", metav1.ConditionTrue))
		Eventually(kstatusOf(ctx, sub)).Should(Equal(status.CurrentStatus))
		Eventually(eventsFor(ctx, ns, sub.Name)).Should(ConsistOf("Warning ParentNotFound", "Normal Reconciled"))
	})

	It("waits for a sub-center's host department", func(ctx SpecContext) {
		Expect(k8sClient.Create(ctx, center(ns, "center", ""))).To(Succeed())
		sub := center(ns, "traffic-police", "center")
		Expect(k8sClient.Create(ctx, sub)).To(Succeed())
		Eventually(readyOf(ctx, sub)).Should(And(
			HaveField("Reason", v1alpha1.ReasonHostDepartmentNotFound),
			HaveField("Message", ContainSubstring(`names Department "public-security" in spec.hostDepartment, which does not exist`)),
		))
		Expect(kstatusOf(ctx, sub)()).To(Equal(status.InProgressStatus))

		Expect(k8sClient.Create(ctx, department(ns, "public-security", 1))).To(Succeed())
		Eventually(readyOf(ctx, sub)).Should(HaveField("Status", metav1.ConditionTrue))
	})

	It("flags the windows declared beyond a center's capacity, and clears when one goes", func(ctx SpecContext) {
		small := center(ns, "center", "")
		small.Spec.CapacityWindows = 2
		Expect(k8sClient.Create(ctx, small)).To(Succeed())
		var windows []*v1alpha1.ServiceWindow
		for _, name := range []string{"w-first", "w-second", "w-third"} {
			w := window(ns, name, "center", "commerce", "")
			Expect(k8sClient.Create(ctx, w)).To(Succeed())
			windows = append(windows, w)
		}
		Eventually(readyOf(ctx, small)).Should(And(
			HaveField("Reason", v1alpha1.ConditionOverCapacity),
			HaveField("Message", ContainSubstring("room for 2 windows but 3 are declared; over capacity: w-third.")),
		))
		got := &v1alpha1.ServiceCenter{}
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(small), got)).To(Succeed())
		Expect(got.Status.WindowsUsed).To(BeEquivalentTo(3))
		Expect(got.Status.DepartmentsResident).To(BeEquivalentTo(1))
		Expect(meta.IsStatusConditionTrue(got.Status.Conditions, v1alpha1.ConditionOverCapacity)).To(BeTrue())

		Expect(k8sClient.Delete(ctx, windows[2])).To(Succeed())
		Eventually(readyOf(ctx, small)).Should(HaveField("Status", metav1.ConditionTrue))
		Eventually(eventsFor(ctx, ns, small.Name)).Should(ContainElements("Warning OverCapacity", "Normal OverCapacityResolved"))
	})

	It("rejects invalid centers with messages that say what to fix", func(ctx SpecContext) {
		self := center(ns, "loop", "loop")
		Expect(k8sClient.Create(ctx, self)).To(MatchError(ContainSubstring("a sub-center's parent must be another center")))

		orphan := center(ns, "orphan", "center")
		orphan.Spec.HostDepartment = ""
		Expect(k8sClient.Create(ctx, orphan)).To(MatchError(ContainSubstring("must name spec.hostDepartment")))

		badName := center(ns, "bad", "Main Center")
		Expect(k8sClient.Create(ctx, badName)).To(MatchError(ContainSubstring("spec.parent must be the metadata.name of a ServiceCenter")))

		negative := center(ns, "negative", "")
		negative.Spec.CapacityWindows = -1
		Expect(k8sClient.Create(ctx, negative)).To(MatchError(ContainSubstring("spec.capacityWindows")))
	})
})
