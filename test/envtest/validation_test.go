package envtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	"onestop.dev/onestop/api/v1alpha1"
)

// This file checks the CRDs' validation against the real API server: every marker in
// api/v1alpha1 rejects the input it is meant to reject, with the message it declares, and a
// valid edit never loses what was recorded. Each spec starts from a fully populated, valid
// object (accepted on its own, see "accepts"), then changes exactly one thing.

// ---- Valid objects ------------------------------------------------------------------------

// validPerson is a formal employee with a law-enforcement certificate: everything a Person
// record can hold is set, so that every rule on a Person has something to check.
func validPerson(name, userName, title, number, expires string, grade v1alpha1.Grade) v1alpha1.Person {
	return v1alpha1.Person{
		Name:        name,
		UserName:    userName,
		Employment:  v1alpha1.EmploymentFormal,
		Certificate: &v1alpha1.Certificate{Number: number, Expires: expires},
		Grade:       grade,
		Title:       title,
	}
}

// validCenter is a sub-center, so that parent and hostDepartment are both set.
func validCenter(ns string) *v1alpha1.ServiceCenter {
	return &v1alpha1.ServiceCenter{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "traffic-police"},
		Spec: v1alpha1.ServiceCenterSpec{
			DisplayName:     "县行政服务中心交警分中心",
			Parent:          "center",
			HostDepartment:  "public-security",
			CapacityWindows: 8,
			Calendar:        "cn-mainland",
		},
	}
}

// validDepartment is a locally managed, batch-1 department with every optional field set
// that a Local department may set.
func validDepartment(ns string) *v1alpha1.Department {
	leader := validPerson("李建国", "li.jianguo", "副局长", "执法-0001", "2010-06-30", v1alpha1.GradeDivisionLevel)
	chief := validPerson("陈明", "chen.ming", "首席代表", "执法-0002", "2010-12-31", v1alpha1.GradeSectionLevel)
	return &v1alpha1.Department{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "construction"},
		Spec: v1alpha1.DepartmentSpec{
			DisplayName:                 "建设局 (Construction Bureau)",
			Batch:                       1,
			Management:                  v1alpha1.ManagementLocal,
			Center:                      "center",
			LeaderInCharge:              &leader,
			ChiefRepresentative:         &chief,
			ImplementationPlanSubmitted: "2008-11-20",
			StaffRegistrationSubmitted:  "2008-11-25",
		},
	}
}

// validVerticalDepartment is a vertically managed, batch-2 unit that declines to form a
// section: with it every field of a DepartmentSpec holds a non-zero value.
func validVerticalDepartment(ns string) *v1alpha1.Department {
	d := validDepartment(ns)
	d.Name = "tax"
	d.Spec.DisplayName = "税务局 (Tax Bureau)"
	d.Spec.Batch = 2
	d.Spec.Management = v1alpha1.ManagementVertical
	d.Spec.DeclinesSection = true
	return d
}

// validSection is a Dedicated section with a head, a roster of three, an authorization and a
// staffing plan reviewed by the Center and then approved by the establishment office.
func validSection(ns string) *v1alpha1.ApprovalSection {
	head := validPerson("赵敏", "zhao.min", "审批服务科科长", "执法-0100", "2011-03-31", v1alpha1.GradeSectionLevel)
	return &v1alpha1.ApprovalSection{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "construction-approval"},
		Spec: v1alpha1.ApprovalSectionSpec{
			Department:  "construction",
			DisplayName: "行政审批服务科",
			Form:        v1alpha1.SectionFormDedicated,
			Head:        &head,
			Roster: []v1alpha1.Person{
				validPerson("王芳", "wang.fang", "科员", "执法-0101", "2009-06-30", v1alpha1.GradeStaff),
				validPerson("张伟", "zhang.wei", "科员", "执法-0102", "2009-09-30", v1alpha1.GradeStaff),
				validPerson("刘洋", "liu.yang", "副科长", "执法-0103", "2010-01-31", v1alpha1.GradeSectionLevel),
			},
			Authorization: v1alpha1.SectionAuthorization{
				Full:                   true,
				Decision:               "建发〔2008〕12号",
				OtherApprovingSections: []string{"村镇建设股"},
			},
			StaffingPlan: v1alpha1.StaffingPlan{
				Headcount: 6,
				CenterReview: &v1alpha1.PlanStep{
					Date: "2008-11-28", By: "县行政服务中心", Reference: "县服〔2008〕7号",
				},
				EstablishmentOfficeApproval: &v1alpha1.PlanStep{
					Date: "2008-12-01", By: "县编委办", Reference: "县编〔2008〕35号",
				},
			},
		},
	}
}

// validAddedSignSection is the same section formed by hanging its sign on the planning section.
func validAddedSignSection(ns string) *v1alpha1.ApprovalSection {
	s := validSection(ns)
	s.Spec.Form = v1alpha1.SectionFormAddedSign
	s.Spec.HostSection = "规划股"
	return s
}

// validWindow is a temporary window, attended twice a week, with a head and two staff.
func validWindow(ns string) *v1alpha1.ServiceWindow {
	s := validSection(ns)
	return &v1alpha1.ServiceWindow{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "a12"},
		Spec: v1alpha1.ServiceWindowSpec{
			Center:     "center",
			Department: "construction",
			Section:    "construction-approval",
			Number:     "A12",
			Mode:       v1alpha1.WindowTemporary,
			Attendance: []v1alpha1.AttendanceSlot{
				{Weekday: "Tuesday", From: "09:00", To: "12:00"},
				{Weekday: "Thursday", From: "14:00", To: "17:30"},
			},
			Head:  s.Spec.Head,
			Staff: []v1alpha1.Person{s.Spec.Roster[0], s.Spec.Roster[1]},
		},
	}
}

// ---- One thing wrong ----------------------------------------------------------------------

// objectBuilder makes the object a spec sends, in the spec's own namespace.
type objectBuilder func(ns string) client.Object

func validCenterWith(edit func(*v1alpha1.ServiceCenter)) objectBuilder {
	return func(ns string) client.Object { c := validCenter(ns); edit(c); return c }
}

func validDepartmentWith(edit func(*v1alpha1.Department)) objectBuilder {
	return func(ns string) client.Object { d := validDepartment(ns); edit(d); return d }
}

func validVerticalDepartmentWith(edit func(*v1alpha1.Department)) objectBuilder {
	return func(ns string) client.Object { d := validVerticalDepartment(ns); edit(d); return d }
}

func validSectionWith(edit func(*v1alpha1.ApprovalSection)) objectBuilder {
	return func(ns string) client.Object { s := validSection(ns); edit(s); return s }
}

func validAddedSignSectionWith(edit func(*v1alpha1.ApprovalSection)) objectBuilder {
	return func(ns string) client.Object { s := validAddedSignSection(ns); edit(s); return s }
}

func validWindowWith(edit func(*v1alpha1.ServiceWindow)) objectBuilder {
	return func(ns string) client.Object { w := validWindow(ns); edit(w); return w }
}

var (
	aCenter             = validCenterWith(func(*v1alpha1.ServiceCenter) {})
	aDepartment         = validDepartmentWith(func(*v1alpha1.Department) {})
	aVerticalDepartment = validVerticalDepartmentWith(func(*v1alpha1.Department) {})
	aSection            = validSectionWith(func(*v1alpha1.ApprovalSection) {})
	anAddedSignSection  = validAddedSignSectionWith(func(*v1alpha1.ApprovalSection) {})
	aWindow             = validWindowWith(func(*v1alpha1.ServiceWindow) {})
)

// withoutField sends b's object without the field at path, written as the API server prints it
// (e.g. "spec.roster[1].certificate.expires"). Go's types cannot leave out a field without
// omitempty, so the object goes as unstructured JSON.
func withoutField(b objectBuilder, path string) objectBuilder {
	return func(ns string) client.Object {
		obj := b(ns)
		gvk, err := apiutil.GVKForObject(obj, k8sClient.Scheme())
		Expect(err).NotTo(HaveOccurred())
		raw, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
		Expect(err).NotTo(HaveOccurred())
		u := &unstructured.Unstructured{Object: raw}
		u.SetGroupVersionKind(gvk)
		Expect(unsetField(u.Object, splitFieldPath(path))).To(BeTrue(), "the valid object has no %s to leave out", path)
		return u
	}
}

// withRawField sends b's object with the field at path set to value, for values Go's types
// cannot send (an explicitly empty string in an omitempty field).
func withRawField(b objectBuilder, path string, value any) objectBuilder {
	return func(ns string) client.Object {
		obj := b(ns)
		gvk, err := apiutil.GVKForObject(obj, k8sClient.Scheme())
		Expect(err).NotTo(HaveOccurred())
		raw, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
		Expect(err).NotTo(HaveOccurred())
		u := &unstructured.Unstructured{Object: raw}
		u.SetGroupVersionKind(gvk)
		Expect(unstructured.SetNestedField(u.Object, value, splitFieldPath(path)...)).To(Succeed())
		return u
	}
}

// splitFieldPath splits "spec.roster[1].name" into spec, roster, 1, name.
func splitFieldPath(path string) []string {
	return strings.FieldsFunc(path, func(r rune) bool { return r == '.' || r == '[' || r == ']' })
}

// unsetField removes the field at keys, walking into lists by index; it reports whether it was set.
func unsetField(obj map[string]any, keys []string) bool {
	var cur any = obj
	for i, key := range keys {
		switch c := cur.(type) {
		case map[string]any:
			if i == len(keys)-1 {
				_, ok := c[key]
				delete(c, key)
				return ok
			}
			cur = c[key]
		case []any:
			n, err := strconv.Atoi(key)
			if err != nil || n < 0 || n >= len(c) || i == len(keys)-1 {
				return false
			}
			cur = c[n]
		default:
			return false
		}
	}
	return false
}

// The API server's standard messages for OpenAPI rules. maxLength says "bytes" but counts
// characters: a name of 64 Chinese characters (192 bytes) is accepted, see "accepts".
const msgRequired = "Required value"

func msgMinChars(n int) string { return fmt.Sprintf("should be at least %d chars long", n) }
func msgNotAName(kind string) string {
	return "must be the metadata.name of a " + kind + ": lower-case letters, digits"
}
func msgTooLong(n int) string     { return fmt.Sprintf("Too long: may not be more than %d bytes", n) }
func msgAtLeast(n int) string     { return fmt.Sprintf("should be greater than or equal to %d", n) }
func msgAtMost(n int) string      { return fmt.Sprintf("should be less than or equal to %d", n) }
func msgNotADate(v string) string { return fmt.Sprintf("must be of type date: %q", v) }
func msgTooMany(n, limit int) string {
	return fmt.Sprintf("Too many: %d: must have at most %d items", n, limit)
}

func msgUnsupported(value string, allowed ...string) string {
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = strconv.Quote(a)
	}
	return fmt.Sprintf("Unsupported value: %q: supported values: %s", value, strings.Join(quoted, ", "))
}

func msgDuplicateName(name string) string {
	return fmt.Sprintf(`Duplicate value: {"name":%q}`, name)
}

const msgHHMM = `should match '^([01][0-9]|2[0-3]):[0-5][0-9]$'`

// statusCauses returns the field errors the API server gave for err.
func statusCauses(err error) []metav1.StatusCause {
	var status apierrors.APIStatus
	if !errors.As(err, &status) || status.Status().Details == nil {
		return nil
	}
	return status.Status().Details.Causes
}

// rulesNotChecked is the cause the API server adds when a schema error (required, enum,
// format, maxLength, maxItems...) made it skip the CEL rules: it reports no fault of its own.
const rulesNotChecked = "some validation rules were not checked because the object was invalid"

// expectRejected creates b's object and expects the API server to reject it as Invalid for
// exactly one reason: message, at field (the cause's field path; "<nil>" for a rule on the
// whole object).
func expectRejected(ctx context.Context, b objectBuilder, field, message string) {
	obj := b(newNamespace(ctx))
	err := k8sClient.Create(ctx, obj)
	Expect(err).To(MatchError(ContainSubstring(message)))
	Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid, got %v", err)
	var faults []metav1.StatusCause
	for _, c := range statusCauses(err) {
		if c.Field != "<nil>" || !strings.Contains(c.Message, rulesNotChecked) {
			faults = append(faults, c)
		}
	}
	Expect(faults).To(ConsistOf(And(
		HaveField("Field", field),
		HaveField("Message", ContainSubstring(message)),
	)), "exactly one thing is wrong with the object, so exactly one cause: %v", err)
}

// ---- Person records, wherever they appear -------------------------------------------------

type personCarrier struct {
	kind, path string
	with       func(edit func(*v1alpha1.Person)) objectBuilder
}

var personCarriers = []personCarrier{
	{"Department", "spec.leaderInCharge", func(edit func(*v1alpha1.Person)) objectBuilder {
		return validDepartmentWith(func(d *v1alpha1.Department) { edit(d.Spec.LeaderInCharge) })
	}},
	{"Department", "spec.chiefRepresentative", func(edit func(*v1alpha1.Person)) objectBuilder {
		return validDepartmentWith(func(d *v1alpha1.Department) { edit(d.Spec.ChiefRepresentative) })
	}},
	{"ApprovalSection", "spec.head", func(edit func(*v1alpha1.Person)) objectBuilder {
		return validSectionWith(func(s *v1alpha1.ApprovalSection) { edit(s.Spec.Head) })
	}},
	{"ApprovalSection", "spec.roster[1]", func(edit func(*v1alpha1.Person)) objectBuilder {
		return validSectionWith(func(s *v1alpha1.ApprovalSection) { edit(&s.Spec.Roster[1]) })
	}},
	{"ServiceWindow", "spec.head", func(edit func(*v1alpha1.Person)) objectBuilder {
		return validWindowWith(func(w *v1alpha1.ServiceWindow) { edit(w.Spec.Head) })
	}},
	{"ServiceWindow", "spec.staff[1]", func(edit func(*v1alpha1.Person)) objectBuilder {
		return validWindowWith(func(w *v1alpha1.ServiceWindow) { edit(&w.Spec.Staff[1]) })
	}},
}

type personFault struct {
	what string
	// edit makes the fault; nil leaves field out of the request.
	edit    func(*v1alpha1.Person)
	field   string // relative to the person
	message string
}

var personFaults = []personFault{
	{"an empty name", func(p *v1alpha1.Person) { p.Name = "" }, ".name", msgMinChars(1)},
	{"no name", nil, ".name", msgRequired},
	{"a name of 65 characters", func(p *v1alpha1.Person) { p.Name = strings.Repeat("王", 65) }, ".name", msgTooLong(64)},
	{"a userName of 254 characters", func(p *v1alpha1.Person) { p.UserName = strings.Repeat("u", 254) }, ".userName", msgTooLong(253)},
	{"employment Contract", func(p *v1alpha1.Person) { p.Employment = "Contract" }, ".employment", msgUnsupported("Contract", "Formal", "Temporary")},
	{"no employment", nil, ".employment", msgRequired},
	{"an empty certificate number", func(p *v1alpha1.Person) { p.Certificate.Number = "" }, ".certificate.number", msgMinChars(1)},
	{"a certificate number of 65 characters", func(p *v1alpha1.Person) { p.Certificate.Number = strings.Repeat("9", 65) }, ".certificate.number", msgTooLong(64)},
	{"a certificate without number", nil, ".certificate.number", msgRequired},
	{"a certificate expiring 2009/06/30", func(p *v1alpha1.Person) { p.Certificate.Expires = "2009/06/30" }, ".certificate.expires", msgNotADate("2009/06/30")},
	{"a certificate expiring 2009-02-30, a day that does not exist", func(p *v1alpha1.Person) { p.Certificate.Expires = "2009-02-30" }, ".certificate.expires", msgNotADate("2009-02-30")},
	{"a certificate without expiry", nil, ".certificate.expires", msgRequired},
	{"grade Deputy", func(p *v1alpha1.Person) { p.Grade = "Deputy" }, ".grade", msgUnsupported("Deputy", "Staff", "SectionLevel", "DivisionLevel", "BureauLevel")},
	{"a title of 65 characters", func(p *v1alpha1.Person) { p.Title = strings.Repeat("长", 65) }, ".title", msgTooLong(64)},
}

func personEntries() []TableEntry {
	var entries []TableEntry
	for _, c := range personCarriers {
		for _, f := range personFaults {
			field := c.path + f.field
			b := withoutField(c.with(func(*v1alpha1.Person) {}), field)
			if f.edit != nil {
				b = c.with(f.edit)
			}
			entries = append(entries, Entry(fmt.Sprintf("%s %s with %s", c.kind, c.path, f.what), b, field, f.message))
		}
	}
	return entries
}

// ---- Specs --------------------------------------------------------------------------------

// distinctPeople returns n valid people with distinct names.
func distinctPeople(n int) []v1alpha1.Person {
	out := make([]v1alpha1.Person, n)
	for i := range out {
		out[i] = validPerson(fmt.Sprintf("职员%03d", i), "", "科员", fmt.Sprintf("执法-%04d", 1000+i), "2010-12-31", v1alpha1.GradeStaff)
	}
	return out
}

func sectionNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("股%02d", i)
	}
	return out
}

func weeklySlots(n int) []v1alpha1.AttendanceSlot {
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	out := make([]v1alpha1.AttendanceSlot, n)
	for i := range out {
		out[i] = v1alpha1.AttendanceSlot{Weekday: days[i%7], From: "09:00", To: "11:30"}
		if i >= 7 {
			out[i].From, out[i].To = "14:00", "17:00"
		}
	}
	return out
}

var _ = Describe("API validation", func() {
	Context("of valid objects", func() {
		DescribeTable("accepts", func(ctx SpecContext, b objectBuilder) {
			obj := b(newNamespace(ctx))
			sent := obj.DeepCopyObject().(client.Object)
			Expect(k8sClient.Create(ctx, obj)).To(Succeed())

			// What was sent is what is stored: nothing is dropped or defaulted.
			got := sent.DeepCopyObject().(client.Object)
			Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(obj), got)).To(Succeed())
			Expect(specOfObject(got)).To(Equal(specOfObject(sent)))
		},
			Entry("a fully populated sub-center", aCenter),
			Entry("a fully populated Local department", aDepartment),
			Entry("a fully populated Vertical department that declines a section", aVerticalDepartment),
			Entry("a fully populated Dedicated section", aSection),
			Entry("a fully populated AddedSign section", anAddedSignSection),
			Entry("a fully populated temporary window", aWindow),

			// Boundaries: the rules reject no more than they say.
			Entry("the Center itself: no parent, no host department", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Name, c.Spec.Parent, c.Spec.HostDepartment = "center", "", ""
			})),
			Entry("a center with capacity 0", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.CapacityWindows = 0 })),
			Entry("a center with capacity 10000", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.CapacityWindows = 10000 })),
			Entry("a parent name with dots", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.Parent = "county.center-1" })),
			Entry("a display name of 128 characters", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.DisplayName = strings.Repeat("中", 128)
			})),
			Entry("a batch-2 department", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Batch = 2 })),
			Entry("a Vertical department that forms a section", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.Management = v1alpha1.ManagementVertical
			})),
			Entry("a name of 64 Chinese characters (the limit counts characters, not bytes)", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Head.Name = strings.Repeat("王", 64)
			})),
			Entry("a certificate expiring on a leap day", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Roster[0].Certificate.Expires = "2008-02-29"
			})),
			Entry("a person with only a name and an employment", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Roster[0] = v1alpha1.Person{Name: "王芳", Employment: v1alpha1.EmploymentTemporary}
			})),
			Entry("a headcount of 1000", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.Headcount = 1000
			})),
			Entry("an approval on the day of the review", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.Date = s.Spec.StaffingPlan.CenterReview.Date
			})),
			Entry("a review not yet approved", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval = nil
			})),
			Entry("a review and an approval across a year end", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.CenterReview.Date = "2008-12-31"
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.Date = "2009-01-02"
			})),
			Entry("a roster of 100", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.Roster = distinctPeople(100) })),
			Entry("20 other approving sections", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Authorization.OtherApprovingSections = sectionNames(20)
			})),
			Entry("a slot from 00:00 to 00:01 and one from 23:58 to 23:59", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Attendance = []v1alpha1.AttendanceSlot{
					{Weekday: "Saturday", From: "00:00", To: "00:01"},
					{Weekday: "Sunday", From: "23:58", To: "23:59"},
				}
			})),
			Entry("14 attendance slots", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance = weeklySlots(14) })),
			Entry("a permanent window without a schedule and with 50 staff", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Mode, w.Spec.Attendance, w.Spec.Staff = v1alpha1.WindowPermanent, nil, distinctPeople(50)
			})),
		)
	})

	Context("of a ServiceCenter", func() {
		DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
			expectRejected(ctx, b, field, message)
		},
			Entry("a sub-center that is its own parent", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.Parent = c.Name
			}), "<nil>", "spec.parent names this ServiceCenter itself; a sub-center's parent must be another center"),
			Entry("a sub-center without a host department", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.HostDepartment = ""
			}), "spec", "a sub-center (spec.parent is set) must name spec.hostDepartment, the department that runs its site"),
			Entry("a parent that is a display name, not a metadata.name", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.Parent = "Main Center"
			}), "spec.parent", "spec.parent must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.'"),
			Entry("a parent ending in '-'", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.Parent = "center-" }),
				"spec.parent", "spec.parent must be the metadata.name of a ServiceCenter"),
			Entry("an explicitly empty parent", withRawField(aCenter, "spec.parent", ""),
				"spec.parent", "spec.parent must be the metadata.name of a ServiceCenter"),
			Entry("a parent of 254 characters", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.Parent = strings.Repeat("c", 254) }),
				"spec.parent", msgTooLong(253)),
			Entry("a host department that is a display name", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.HostDepartment = "Public Security"
			}), "spec.hostDepartment", "spec.hostDepartment must be the metadata.name of a Department: lower-case letters, digits, '-' and '.'"),
			Entry("a host department in Chinese", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.HostDepartment = "公安局" }),
				"spec.hostDepartment", "spec.hostDepartment must be the metadata.name of a Department"),
			Entry("a host department of 254 characters", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.HostDepartment = strings.Repeat("d", 254)
			}), "spec.hostDepartment", msgTooLong(253)),
			Entry("a negative capacity", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.CapacityWindows = -1 }),
				"spec.capacityWindows", msgAtLeast(0)),
			Entry("a capacity of 10001", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.CapacityWindows = 10001 }),
				"spec.capacityWindows", msgAtMost(10000)),
			Entry("no capacity", withoutField(aCenter, "spec.capacityWindows"), "spec.capacityWindows", msgRequired),
			Entry("an empty display name", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.DisplayName = "" }),
				"spec.displayName", msgMinChars(1)),
			Entry("a display name of 129 characters", validCenterWith(func(c *v1alpha1.ServiceCenter) {
				c.Spec.DisplayName = strings.Repeat("中", 129)
			}), "spec.displayName", msgTooLong(128)),
			Entry("no display name", withoutField(aCenter, "spec.displayName"), "spec.displayName", msgRequired),
			Entry("an empty calendar", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.Calendar = "" }),
				"spec.calendar", msgMinChars(1)),
			Entry("a calendar of 254 characters", validCenterWith(func(c *v1alpha1.ServiceCenter) { c.Spec.Calendar = strings.Repeat("k", 254) }),
				"spec.calendar", msgTooLong(253)),
			Entry("no calendar", withoutField(aCenter, "spec.calendar"), "spec.calendar", msgRequired),
			Entry("no spec", withoutField(aCenter, "spec"), "spec", msgRequired),
		)
	})

	Context("of a Department", func() {
		DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
			expectRejected(ctx, b, field, message)
		},
			Entry("batch 0", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Batch = 0 }), "spec.batch", msgAtLeast(1)),
			Entry("batch 3", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Batch = 3 }), "spec.batch", msgAtMost(2)),
			Entry("no batch", withoutField(aDepartment, "spec.batch"), "spec.batch", msgRequired),
			Entry("management County", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Management = "County" }),
				"spec.management", msgUnsupported("County", "Local", "Vertical")),
			Entry("management in lower case", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Management = "vertical" }),
				"spec.management", msgUnsupported("vertical", "Local", "Vertical")),
			Entry("no management", withoutField(aDepartment, "spec.management"), "spec.management", msgRequired),
			Entry("a Local department that declines a section", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.DeclinesSection = true
			}), "spec", "only a vertically managed unit (spec.management: Vertical) may decline to form an approval-service section; set spec.declinesSection to false"),
			Entry("a declining department switched to Local", validVerticalDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.Management = v1alpha1.ManagementLocal
			}), "spec", "only a vertically managed unit (spec.management: Vertical) may decline to form an approval-service section"),
			Entry("an implementation plan submitted 2008/11/20", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.ImplementationPlanSubmitted = "2008/11/20"
			}), "spec.implementationPlanSubmitted", msgNotADate("2008/11/20")),
			Entry("an implementation plan submitted 2008-11-31", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.ImplementationPlanSubmitted = "2008-11-31"
			}), "spec.implementationPlanSubmitted", msgNotADate("2008-11-31")),
			Entry("an implementation plan submitted with a time", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.ImplementationPlanSubmitted = "2008-11-20T09:00:00Z"
			}), "spec.implementationPlanSubmitted", msgNotADate("2008-11-20T09:00:00Z")),
			Entry("a staff registration submitted 25.11.2008", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.StaffRegistrationSubmitted = "25.11.2008"
			}), "spec.staffRegistrationSubmitted", msgNotADate("25.11.2008")),
			Entry("an empty center", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Center = "" }),
				"spec.center", msgNotAName("ServiceCenter")),
			Entry("a center named as people say it", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Center = "County Center" }),
				"spec.center", msgNotAName("ServiceCenter")),
			Entry("no center", withoutField(aDepartment, "spec.center"), "spec.center", msgRequired),
			Entry("a center of 254 characters", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.Center = strings.Repeat("c", 254) }),
				"spec.center", msgTooLong(253)),
			Entry("an empty display name", validDepartmentWith(func(d *v1alpha1.Department) { d.Spec.DisplayName = "" }),
				"spec.displayName", msgMinChars(1)),
			Entry("a display name of 129 characters", validDepartmentWith(func(d *v1alpha1.Department) {
				d.Spec.DisplayName = strings.Repeat("局", 129)
			}), "spec.displayName", msgTooLong(128)),
			Entry("no display name", withoutField(aDepartment, "spec.displayName"), "spec.displayName", msgRequired),
			Entry("no spec", withoutField(aDepartment, "spec"), "spec", msgRequired),
		)
	})

	Context("of a Person record", func() {
		DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
			expectRejected(ctx, b, field, message)
		},
			personEntries(),
			Entry("a roster that names 王芳 twice", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Roster[2].Name = s.Spec.Roster[0].Name
			}), "spec.roster[2]", msgDuplicateName("王芳")),
			Entry("window staff that names 张伟 twice", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Staff = append(w.Spec.Staff, w.Spec.Staff[1])
			}), "spec.staff[2]", msgDuplicateName("张伟")),
		)
	})

	Context("of an ApprovalSection", func() {
		DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
			expectRejected(ctx, b, field, message)
		},
			Entry("an AddedSign section without a host section", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Form = v1alpha1.SectionFormAddedSign
			}), "spec", "a section in the form AddedSign hangs its sign on an existing section: name it in spec.hostSection"),
			Entry("a Dedicated section with a host section", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.HostSection = "规划股"
			}), "spec", "a Dedicated section has no host section: remove spec.hostSection, or set spec.form to AddedSign"),
			Entry("a host section of 129 characters", validAddedSignSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.HostSection = strings.Repeat("股", 129)
			}), "spec.hostSection", msgTooLong(128)),
			Entry("form Joint", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.Form = "Joint" }),
				"spec.form", msgUnsupported("Joint", "Dedicated", "AddedSign")),
			Entry("no form", withoutField(aSection, "spec.form"), "spec.form", msgRequired),
			Entry("an establishment-office approval without a Center review", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.CenterReview = nil
			}), "spec.staffingPlan", "the establishment office approves a staffing plan only after the Center reviewed it: record spec.staffingPlan.centerReview first"),
			Entry("an approval dated the day before the review", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.Date = "2008-11-27"
			}), "spec.staffingPlan", "spec.staffingPlan.establishmentOfficeApproval.date is before centerReview.date; the Center reviews first, then the establishment office approves"),
			Entry("an approval dated the year before the review", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.Date = "2007-12-30"
			}), "spec.staffingPlan", "spec.staffingPlan.establishmentOfficeApproval.date is before centerReview.date"),
			Entry("a headcount of -1", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.StaffingPlan.Headcount = -1 }),
				"spec.staffingPlan.headcount", msgAtLeast(0)),
			Entry("a headcount of 1001", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.StaffingPlan.Headcount = 1001 }),
				"spec.staffingPlan.headcount", msgAtMost(1000)),
			Entry("a Center review dated 28/11/2008", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.CenterReview.Date = "28/11/2008"
			}), "spec.staffingPlan.centerReview.date", msgNotADate("28/11/2008")),
			Entry("a Center review without a date", withoutField(aSection, "spec.staffingPlan.centerReview.date"),
				"spec.staffingPlan.centerReview.date", msgRequired),
			Entry("a Center review signed by 65 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.CenterReview.By = strings.Repeat("签", 65)
			}), "spec.staffingPlan.centerReview.by", msgTooLong(64)),
			Entry("a Center review reference of 129 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.CenterReview.Reference = strings.Repeat("号", 129)
			}), "spec.staffingPlan.centerReview.reference", msgTooLong(128)),
			Entry("an approval dated 2008-12-32", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.Date = "2008-12-32"
			}), "spec.staffingPlan.establishmentOfficeApproval.date", msgNotADate("2008-12-32")),
			Entry("an approval without a date", withoutField(aSection, "spec.staffingPlan.establishmentOfficeApproval.date"),
				"spec.staffingPlan.establishmentOfficeApproval.date", msgRequired),
			Entry("an approval signed by 65 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.By = strings.Repeat("签", 65)
			}), "spec.staffingPlan.establishmentOfficeApproval.by", msgTooLong(64)),
			Entry("an approval reference of 129 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.StaffingPlan.EstablishmentOfficeApproval.Reference = strings.Repeat("号", 129)
			}), "spec.staffingPlan.establishmentOfficeApproval.reference", msgTooLong(128)),
			Entry("a decision of 129 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Authorization.Decision = strings.Repeat("文", 129)
			}), "spec.authorization.decision", msgTooLong(128)),
			Entry("another approving section named twice", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Authorization.OtherApprovingSections = []string{"村镇建设股", "规划股", "村镇建设股"}
			}), "spec.authorization.otherApprovingSections[2]", `Duplicate value: "村镇建设股"`),
			Entry("21 other approving sections", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Authorization.OtherApprovingSections = sectionNames(21)
			}), "spec.authorization.otherApprovingSections", msgTooMany(21, 20)),
			Entry("another approving section named in 129 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Authorization.OtherApprovingSections = []string{strings.Repeat("股", 129)}
			}), "spec.authorization.otherApprovingSections[0]", msgTooLong(128)),
			Entry("a roster of 101", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.Roster = distinctPeople(101) }),
				"spec.roster", msgTooMany(101, 100)),
			Entry("an empty department", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.Department = "" }),
				"spec.department", msgNotAName("Department")),
			Entry("a department written in Chinese", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.Department = "建设局" }),
				"spec.department", msgNotAName("Department")),
			Entry("a department of 254 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.Department = strings.Repeat("d", 254)
			}), "spec.department", msgTooLong(253)),
			Entry("no department", withoutField(aSection, "spec.department"), "spec.department", msgRequired),
			Entry("an empty display name", validSectionWith(func(s *v1alpha1.ApprovalSection) { s.Spec.DisplayName = "" }),
				"spec.displayName", msgMinChars(1)),
			Entry("a display name of 129 characters", validSectionWith(func(s *v1alpha1.ApprovalSection) {
				s.Spec.DisplayName = strings.Repeat("科", 129)
			}), "spec.displayName", msgTooLong(128)),
			Entry("no display name", withoutField(aSection, "spec.displayName"), "spec.displayName", msgRequired),
			Entry("no spec", withoutField(aSection, "spec"), "spec", msgRequired),
		)
	})

	Context("of a ServiceWindow", func() {
		DescribeTable("rejects", func(ctx SpecContext, b objectBuilder, field, message string) {
			expectRejected(ctx, b, field, message)
		},
			Entry("mode Sometimes", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Mode = "Sometimes" }),
				"spec.mode", msgUnsupported("Sometimes", "Permanent", "Temporary")),
			Entry("no mode", withoutField(aWindow, "spec.mode"), "spec.mode", msgRequired),
			Entry("a slot that ends before it starts", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Attendance[1].From, w.Spec.Attendance[1].To = "17:30", "14:00"
			}), "spec.attendance[1]", "an attendance slot ends after it starts: spec.attendance[].to must be later than from"),
			Entry("a slot that ends when it starts", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Attendance[0].To = w.Spec.Attendance[0].From
			}), "spec.attendance[0]", "an attendance slot ends after it starts"),
			Entry("a slot from 09.00", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance[0].From = "09.00" }),
				"spec.attendance[0].from", msgHHMM),
			Entry("a slot to 9:30", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Attendance[0].From, w.Spec.Attendance[0].To = "08:00", "9:30"
			}), "spec.attendance[0].to", msgHHMM),
			Entry("a slot from 09:60", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance[0].From = "09:60" }),
				"spec.attendance[0].from", msgHHMM),
			Entry("a slot to 24:00", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance[0].To = "24:00" }),
				"spec.attendance[0].to", msgHHMM),
			Entry("a slot to 12:00:00", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance[0].To = "12:00:00" }),
				"spec.attendance[0].to", msgTooLong(5)),
			Entry("a slot without from", withoutField(aWindow, "spec.attendance[0].from"), "spec.attendance[0].from", msgRequired),
			Entry("a slot without to", withoutField(aWindow, "spec.attendance[0].to"), "spec.attendance[0].to", msgRequired),
			Entry("a slot on Mon", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance[0].Weekday = "Mon" }),
				"spec.attendance[0].weekday", msgUnsupported("Mon", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
			Entry("a slot on 星期二", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance[0].Weekday = "星期二" }),
				"spec.attendance[0].weekday", `Unsupported value: "星期二"`),
			Entry("a slot without weekday", withoutField(aWindow, "spec.attendance[0].weekday"), "spec.attendance[0].weekday", msgRequired),
			Entry("15 attendance slots", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Attendance = weeklySlots(15) }),
				"spec.attendance", msgTooMany(15, 14)),
			Entry("51 staff", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Staff = distinctPeople(51) }),
				"spec.staff", msgTooMany(51, 50)),
			Entry("an empty center", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Center = "" }),
				"spec.center", msgNotAName("ServiceCenter")),
			Entry("a section name with a double dot", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Section = "a..b" }),
				"spec.section", msgNotAName("ApprovalSection")),
			Entry("a center of 254 characters", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Center = strings.Repeat("c", 254) }),
				"spec.center", msgTooLong(253)),
			Entry("no center", withoutField(aWindow, "spec.center"), "spec.center", msgRequired),
			Entry("an empty department", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Department = "" }),
				"spec.department", msgNotAName("Department")),
			Entry("a department of 254 characters", validWindowWith(func(w *v1alpha1.ServiceWindow) {
				w.Spec.Department = strings.Repeat("d", 254)
			}), "spec.department", msgTooLong(253)),
			Entry("no department", withoutField(aWindow, "spec.department"), "spec.department", msgRequired),
			Entry("a section of 254 characters", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Section = strings.Repeat("s", 254) }),
				"spec.section", msgTooLong(253)),
			Entry("a number of 17 characters", validWindowWith(func(w *v1alpha1.ServiceWindow) { w.Spec.Number = strings.Repeat("9", 17) }),
				"spec.number", msgTooLong(16)),
			Entry("no spec", withoutField(aWindow, "spec"), "spec", msgRequired),
		)
	})

	Context("of the status onestop writes", func() {
		DescribeTable("rejects more conditions than the status holds", func(ctx SpecContext, b objectBuilder, limit int) {
			obj := b(newNamespace(ctx))
			Expect(k8sClient.Create(ctx, obj)).To(Succeed())

			conds := make([]metav1.Condition, limit+1)
			for i := range conds {
				conds[i] = metav1.Condition{
					Type: fmt.Sprintf("Check%02d", i), Status: metav1.ConditionTrue, Reason: "Checked",
					Message: "checked", LastTransitionTime: metav1.NewTime(time.Date(2008, 12, 3, 9, 0, 0, 0, time.UTC)),
				}
			}
			patch, err := json.Marshal(map[string]any{"status": map[string]any{"conditions": conds}})
			Expect(err).NotTo(HaveOccurred())
			err = k8sClient.Status().Patch(ctx, obj, client.RawPatch(types.MergePatchType, patch))
			Expect(err).To(MatchError(ContainSubstring("status.conditions: " + msgTooMany(limit+1, limit))))
			Expect(apierrors.IsInvalid(err)).To(BeTrue())
		},
			Entry("ServiceCenter: 16", aCenter, 16),
			Entry("Department: 32", aDepartment, 32),
			Entry("ApprovalSection: 32", aSection, 32),
			Entry("ServiceWindow: 32", aWindow, 32),
		)
	})

	Context("when a recorded object is edited", func() {
		It("keeps every recorded field of a section when a merge patch adds a roster member, and keeps the whole section when an edit is invalid", func(ctx SpecContext) {
			sec := validSection(newNamespace(ctx))
			Expect(k8sClient.Create(ctx, sec)).To(Succeed())
			key := client.ObjectKeyFromObject(sec)
			recorded := validSection(sec.Namespace).Spec

			// The valid edit: one more member. A JSON merge patch replaces a list whole, so the
			// patch carries the roster, and nothing else.
			newcomer := validPerson("孙丽", "sun.li", "科员", "执法-0104", "2010-08-31", v1alpha1.GradeStaff)
			before := sec.DeepCopy()
			sec.Spec.Roster = append(sec.Spec.Roster, newcomer)
			patch := client.MergeFrom(before)
			Expect(mergePatchFields(patch, sec)).To(Equal(map[string][]string{"spec": {"roster"}}))
			Expect(k8sClient.Patch(ctx, sec, patch)).To(Succeed())

			want := *recorded.DeepCopy()
			want.Roster = append(want.Roster, newcomer)
			got := &v1alpha1.ApprovalSection{}
			Expect(k8sClient.Get(ctx, key, got)).To(Succeed())
			Expect(got.Spec).To(Equal(want))
			Expect(got.Generation).To(BeEquivalentTo(2))

			// Invalid edits change nothing, not even the valid part of a mixed patch.
			expectInvalidEditsChangeNothing(ctx, got,
				invalidEdit{`{"spec":{"staffingPlan":{"establishmentOfficeApproval":{"date":"2008-11-27"}}}}`,
					"spec.staffingPlan.establishmentOfficeApproval.date is before centerReview.date; the Center reviews first, then the establishment office approves"},
				invalidEdit{`{"spec":{"displayName":"审批服务科","staffingPlan":{"establishmentOfficeApproval":{"date":"2008-11-27"}}}}`,
					"spec.staffingPlan.establishmentOfficeApproval.date is before centerReview.date"},
				invalidEdit{`{"spec":{"staffingPlan":{"centerReview":null}}}`,
					"the establishment office approves a staffing plan only after the Center reviewed it: record spec.staffingPlan.centerReview first"},
				invalidEdit{`{"spec":{"hostSection":"规划股"}}`,
					"a Dedicated section has no host section"},
				invalidEdit{`{"spec":{"roster":[{"name":"王芳","employment":"Formal"},{"name":"王芳","employment":"Formal"}]}}`,
					"spec.roster[1]: " + msgDuplicateName("王芳")},
			)
		})

		It("keeps every recorded field of a department when a merge patch renames it, and keeps the whole department when an edit is invalid", func(ctx SpecContext) {
			dept := validVerticalDepartment(newNamespace(ctx))
			Expect(k8sClient.Create(ctx, dept)).To(Succeed())
			key := client.ObjectKeyFromObject(dept)

			Expect(k8sClient.Patch(ctx, &v1alpha1.Department{ObjectMeta: metav1.ObjectMeta{Namespace: key.Namespace, Name: key.Name}},
				client.RawPatch(types.MergePatchType, []byte(`{"spec":{"displayName":"国家税务总局某县税务局"}}`)))).To(Succeed())

			want := validVerticalDepartment(key.Namespace).Spec
			want.DisplayName = "国家税务总局某县税务局"
			got := &v1alpha1.Department{}
			Expect(k8sClient.Get(ctx, key, got)).To(Succeed())
			Expect(got.Spec).To(Equal(want))
			Expect(got.Generation).To(BeEquivalentTo(2))

			expectInvalidEditsChangeNothing(ctx, got,
				invalidEdit{`{"spec":{"management":"Local"}}`, "only a vertically managed unit (spec.management: Vertical) may decline"},
				invalidEdit{`{"spec":{"batch":3}}`, "spec.batch: Invalid value: 3: spec.batch in body " + msgAtMost(2)},
				invalidEdit{`{"spec":{"chiefRepresentative":{"certificate":{"expires":"2010-12-32"}}}}`, msgNotADate("2010-12-32")},
				invalidEdit{`{"spec":{"leaderInCharge":{"name":null}}}`, "spec.leaderInCharge.name: " + msgRequired},
			)
		})

		It("keeps every recorded field of a window when a merge patch retitles its head, and keeps the whole window when an edit is invalid", func(ctx SpecContext) {
			win := validWindow(newNamespace(ctx))
			Expect(k8sClient.Create(ctx, win)).To(Succeed())
			key := client.ObjectKeyFromObject(win)

			// A merge patch merges objects field by field: the head keeps its name, employment,
			// certificate and grade.
			Expect(k8sClient.Patch(ctx, &v1alpha1.ServiceWindow{ObjectMeta: metav1.ObjectMeta{Namespace: key.Namespace, Name: key.Name}},
				client.RawPatch(types.MergePatchType, []byte(`{"spec":{"head":{"title":"窗口负责人"}}}`)))).To(Succeed())

			want := validWindow(key.Namespace).Spec
			want.Head.Title = "窗口负责人"
			got := &v1alpha1.ServiceWindow{}
			Expect(k8sClient.Get(ctx, key, got)).To(Succeed())
			Expect(got.Spec).To(Equal(want))
			Expect(got.Generation).To(BeEquivalentTo(2))

			expectInvalidEditsChangeNothing(ctx, got,
				invalidEdit{`{"spec":{"attendance":[{"weekday":"Tuesday","from":"12:00","to":"09:00"}]}}`,
					"spec.attendance[0]: Invalid value: an attendance slot ends after it starts"},
				invalidEdit{`{"spec":{"mode":"Sometimes"}}`, "spec.mode: " + msgUnsupported("Sometimes", "Permanent", "Temporary")},
				invalidEdit{`{"spec":{"head":{"employment":null}}}`, "spec.head.employment: " + msgRequired},
			)
		})
	})
})

// invalidEdit is a merge patch the API server must reject with message.
type invalidEdit struct{ patch, message string }

// expectInvalidEditsChangeNothing applies each edit to stored, expects it rejected as Invalid
// with its message, and expects the object then read back to be exactly stored, but for what
// the API server and onestop's reconcilers change by themselves (resourceVersion,
// managedFields, status).
func expectInvalidEditsChangeNothing(ctx context.Context, stored client.Object, edits ...invalidEdit) {
	for _, e := range edits {
		err := k8sClient.Patch(ctx, stored.DeepCopyObject().(client.Object), client.RawPatch(types.MergePatchType, []byte(e.patch)))
		Expect(err).To(MatchError(ContainSubstring(e.message)), e.patch)
		Expect(apierrors.IsInvalid(err)).To(BeTrue(), "want 422 Invalid for %s, got %v", e.patch, err)

		after := stored.DeepCopyObject().(client.Object)
		Expect(k8sClient.Get(ctx, client.ObjectKeyFromObject(stored), after)).To(Succeed())
		Expect(asRecorded(after)).To(Equal(asRecorded(stored)), e.patch)
	}
}

// asRecorded is obj without what changes when nobody edits it: its resourceVersion,
// managedFields and status.
func asRecorded(obj client.Object) client.Object {
	c := obj.DeepCopyObject().(client.Object)
	c.SetResourceVersion("")
	c.SetManagedFields(nil)
	switch o := c.(type) {
	case *v1alpha1.ServiceCenter:
		o.Status = v1alpha1.ServiceCenterStatus{}
	case *v1alpha1.Department:
		o.Status = v1alpha1.DepartmentStatus{}
	case *v1alpha1.ApprovalSection:
		o.Status = v1alpha1.ApprovalSectionStatus{}
	case *v1alpha1.ServiceWindow:
		o.Status = v1alpha1.ServiceWindowStatus{}
	default:
		Fail(fmt.Sprintf("no status to strip from %T", obj))
	}
	return c
}

// specOfObject returns the spec of one of onestop's objects.
func specOfObject(obj client.Object) any {
	switch o := obj.(type) {
	case *v1alpha1.ServiceCenter:
		return o.Spec
	case *v1alpha1.Department:
		return o.Spec
	case *v1alpha1.ApprovalSection:
		return o.Spec
	case *v1alpha1.ServiceWindow:
		return o.Spec
	}
	Fail(fmt.Sprintf("no spec for %T", obj))
	return nil
}

// mergePatchFields lists, per top-level field, the fields a merge patch sets.
func mergePatchFields(patch client.Patch, obj client.Object) map[string][]string {
	data, err := patch.Data(obj)
	Expect(err).NotTo(HaveOccurred())
	var doc map[string]map[string]json.RawMessage
	Expect(json.Unmarshal(data, &doc)).To(Succeed())
	out := map[string][]string{}
	for top, fields := range doc {
		for f := range fields {
			out[top] = append(out[top], f)
		}
	}
	return out
}
