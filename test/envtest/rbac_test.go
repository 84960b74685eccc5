package envtest

import (
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
)

var _ = Describe("User roles", func() {
	It("let window staff record cases but not change the organisation, and inspectors only read", func(ctx SpecContext) {
		applyFile(ctx, filepath.Join("..", "..", "config", "rbac", "user_roles.yaml"), "")
		ns := newNamespace(ctx)
		bind := func(user, role string) client.Client {
			Expect(k8sClient.Create(ctx, &rbacv1.RoleBinding{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: user},
				RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
				Subjects:   []rbacv1.Subject{{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: user}},
			})).To(Succeed())
			as := rest.CopyConfig(cfg)
			as.Impersonate = rest.ImpersonationConfig{UserName: user}
			c, err := client.New(as, client.Options{Scheme: scheme})
			Expect(err).NotTo(HaveOccurred())
			return c
		}
		staff := bind("wang.fang", "onestop-window-staff")
		inspector := bind("audit.zhao", "onestop-inspector")
		supervisor := bind("center.li", "onestop-center-supervisor")

		dept := department(ns, "construction", 2)
		Expect(supervisor.Create(ctx, dept)).To(Succeed(), "a Center supervisor declares departments")
		Expect(inspector.Get(ctx, client.ObjectKeyFromObject(dept), &v1alpha1.Department{})).To(Succeed())

		dept.Spec.DisplayName = "建设局"
		Expect(apierrors.IsForbidden(staff.Update(ctx, dept))).To(BeTrue(), "window staff cannot change the organisation")
		Expect(apierrors.IsForbidden(inspector.Delete(ctx, dept))).To(BeTrue(), "inspectors only read")

		c := &v1alpha1.ApprovalCase{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "case-1"},
			Spec: v1alpha1.ApprovalCaseSpec{
				Item:       "construction-permit",
				Applicant:  v1alpha1.Applicant{Name: "县第一建筑公司"},
				ReceivedAt: metav1.Now(),
				Intake:     v1alpha1.Intake{Channel: v1alpha1.IntakeWindow, Center: "county-center", Window: "w-construction", ReceivedBy: "wang.fang"},
			},
		}
		Expect(staff.Create(ctx, c)).To(Succeed(), "window staff receive applications")
		Expect(apierrors.IsForbidden(inspector.Create(ctx, c.DeepCopy()))).To(BeTrue())

		// The rollout and the scorecards: supervisors keep them, everyone else reads them.
		for _, list := range []client.ObjectList{&v1alpha1.ReformPlanList{}, &v1alpha1.AssessmentList{}} {
			Expect(inspector.List(ctx, list, client.InNamespace(ns))).To(Succeed(), "inspectors read %T", list)
			Expect(staff.List(ctx, list, client.InNamespace(ns))).To(Succeed(), "window staff read %T", list)
		}
		// Deleting an assessment that is not there: allowed (not found) or forbidden.
		absent := &v1alpha1.Assessment{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "2008-q4"}}
		Expect(apierrors.IsNotFound(supervisor.Delete(ctx, absent))).To(BeTrue(), "supervisors keep the assessments")
		Expect(apierrors.IsForbidden(inspector.Delete(ctx, absent))).To(BeTrue(), "inspectors only read assessments")
		// Calendars are cluster-scoped: granted to every authenticated user, not per namespace.
		Expect(staff.List(ctx, &v1alpha1.WorkCalendarList{})).To(Succeed(), "window staff read the working-day calendars")
	})
})
