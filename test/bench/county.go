package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"onestop.dev/onestop/api/v1alpha1"
)

// The people and places of a bench county, as in test/envtest/cases_test.go.
const (
	benchCenter  = "county-center"
	benchDept    = "construction"
	benchSection = "construction-approval"
	benchWindow  = "construction-w01"
	benchItem    = "construction-permit"
	benchClerk   = "zhao.min"

	// phaseLabel marks every case the bench creates with the measure it belongs to.
	phaseLabel = "bench.onestop.dev/phase"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// cst is a wall-clock time in Asia/Shanghai.
func cst(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, shanghai)
}

func person(name, userName, title string) v1alpha1.Person {
	return v1alpha1.Person{
		Name:        name,
		UserName:    userName,
		Employment:  v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: "川执" + strings.ReplaceAll(userName, ".", ""), Expires: "2030-12-31"},
		Title:       title,
	}
}

// applyFile creates every object of a multi-document YAML file.
func applyFile(ctx context.Context, c client.Client, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, doc := range strings.Split(string(data), "\n---") {
		obj := &unstructured.Unstructured{}
		if err := yaml.Unmarshal([]byte(doc), &obj.Object); err != nil {
			return fmt.Errorf("parsing %s: %w", path, err)
		}
		if len(obj.Object) == 0 {
			continue
		}
		if err := c.Create(ctx, obj); err != nil {
			return fmt.Errorf("creating %s %s from %s: %w", obj.GetKind(), obj.GetName(), path, err)
		}
	}
	return nil
}

// copyCalendar creates a WorkCalendar named name with the days of from and another close
// of business: a jurisdiction whose offices close at a different minute.
func copyCalendar(ctx context.Context, c client.Client, from, name, closeOfBusiness string) error {
	src := &v1alpha1.WorkCalendar{}
	if err := c.Get(ctx, client.ObjectKey{Name: from}, src); err != nil {
		return err
	}
	cal := &v1alpha1.WorkCalendar{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: *src.Spec.DeepCopy()}
	cal.Spec.DisplayName = fmt.Sprintf("%s, closing at %s", src.Spec.DisplayName, closeOfBusiness)
	cal.Spec.CloseOfBusiness = closeOfBusiness
	return c.Create(ctx, cal)
}

func createNamespace(ctx context.Context, c client.Client, name string) error {
	return c.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}})
}

// buildCounty creates in ns a minimal county: the Center counting on calendar, the
// department 建设局 with its leader in charge, its section (head and roster certified until
// 2030), its window in the Center, and one relocated category 3 item with a promised limit of
// one working day and silence as consent.
func buildCounty(ctx context.Context, c client.Client, ns, calendar string) error {
	approver := person("李军", "li.jun", "审批服务科科长")
	reviewer := person("王芳", "wang.fang", "审批员")
	clerk := person("赵敏", benchClerk, "窗口受理员")
	objs := []client.Object{
		&v1alpha1.ServiceCenter{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: benchCenter},
			Spec:       v1alpha1.ServiceCenterSpec{DisplayName: "县政务服务中心", CapacityWindows: 40, Calendar: calendar},
		},
		&v1alpha1.Department{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: benchDept},
			Spec: v1alpha1.DepartmentSpec{
				DisplayName: "建设局", Batch: 1, Management: v1alpha1.ManagementLocal, Center: benchCenter,
				LeaderInCharge: &v1alpha1.Person{Name: "张伟", UserName: "zhang.wei", Employment: v1alpha1.EmploymentFormal, Title: "副局长"},
			},
		},
		&v1alpha1.ApprovalSection{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: benchSection},
			Spec: v1alpha1.ApprovalSectionSpec{
				Department:    benchDept,
				DisplayName:   "行政审批服务科",
				Form:          v1alpha1.SectionFormDedicated,
				Head:          &approver,
				Roster:        []v1alpha1.Person{approver, reviewer, clerk},
				Authorization: v1alpha1.SectionAuthorization{Full: true, Decision: "县政府办〔2008〕88号"},
			},
		},
		&v1alpha1.ServiceWindow{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: benchWindow},
			Spec: v1alpha1.ServiceWindowSpec{
				Center: benchCenter, Department: benchDept, Section: benchSection, Number: "A01",
				Mode: v1alpha1.WindowPermanent, Head: &clerk, Staff: []v1alpha1.Person{clerk},
			},
		},
		&v1alpha1.ApprovalItem{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: benchItem},
			Spec: v1alpha1.ApprovalItemSpec{
				Code:               "XK-BENCH-001",
				DisplayName:        "建筑工程施工许可",
				Department:         benchDept,
				ApprovalType:       v1alpha1.ApprovalLicensing,
				Category:           3,
				StatutoryLimitDays: 20,
				PromisedLimitDays:  1,
				Relocation:         v1alpha1.Relocation{Mode: v1alpha1.RelocationRequired},
				Center:             benchCenter,
				ReviewMode:         v1alpha1.ReviewSingle,
				SilencePolicy:      v1alpha1.SilenceConsent,
				Lifecycle:          v1alpha1.Lifecycle{State: v1alpha1.LifecycleActive, Since: "2008-12-01"},
				LegalBasis:         "《中华人民共和国行政许可法》第四十二条",
			},
		},
	}
	for _, o := range objs {
		if err := c.Create(ctx, o); err != nil {
			return fmt.Errorf("creating %T %s/%s: %w", o, ns, o.GetName(), err)
		}
	}
	return nil
}

// newCase is an application for the bench item, received at the window at received and
// accepted on the spot by the clerk: undecided, with no act after acceptance.
func newCase(ns, name, phase string, received time.Time) *v1alpha1.ApprovalCase {
	at := metav1.NewTime(received)
	return &v1alpha1.ApprovalCase{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: map[string]string{phaseLabel: phase}},
		Spec: v1alpha1.ApprovalCaseSpec{
			Item:       benchItem,
			Applicant:  v1alpha1.Applicant{Name: "县宏达建筑工程有限公司", Contact: "0839-5221234"},
			ReceivedAt: at,
			Intake:     v1alpha1.Intake{Channel: v1alpha1.IntakeWindow, Center: benchCenter, Window: benchWindow, ReceivedBy: benchClerk},
			Acceptance: &v1alpha1.Act{At: at, By: benchClerk},
		},
	}
}

// createCases creates n cases named PHASE-00000 ... round-robin over namespaces, with
// concurrency goroutines, and returns them and how long it took.
func createCases(ctx context.Context, c client.Client, namespaces []string, n, concurrency int, phase string, received time.Time) ([]*v1alpha1.ApprovalCase, time.Duration, error) {
	cases := make([]*v1alpha1.ApprovalCase, n)
	for i := range cases {
		cases[i] = newCase(namespaces[i%len(namespaces)], caseName(phase, i), phase, received)
	}
	start := time.Now()
	err := parallel(n, concurrency, func(i int) error { return c.Create(ctx, cases[i]) })
	return cases, time.Since(start), err
}

func caseName(phase string, i int) string { return fmt.Sprintf("%s-%06d", phase, i) }

// parallel runs do(0..n-1) on concurrency goroutines and returns the first error.
func parallel(n, concurrency int, do func(i int) error) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for range max(concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := do(i); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
