// Package county holds one jurisdiction's objects in memory, read from files or from the
// cluster, and assembles from them the plain facts that the rules of internal/policy and the
// statutory clock of internal/deadline take: the same facts the reconcilers gather with
// indexed cache reads (controllers/*_controller.go), gathered here from a snapshot so that
// the plugin's lint and explain apply the controllers' rules without a manager.
package county

import (
	"context"
	"fmt"
	"sort"

	"k8s.io/apimachinery/pkg/runtime"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/deadline"
	"onestop.dev/onestop/internal/plugin/manifest"
	"onestop.dev/onestop/internal/plugin/validate"
	"onestop.dev/onestop/internal/policy"
)

// Snapshot is one namespace's onestop objects and the cluster's calendars.
type Snapshot struct {
	Namespace   string
	Departments map[string]*v1alpha1.Department
	Sections    map[string]*v1alpha1.ApprovalSection
	Windows     map[string]*v1alpha1.ServiceWindow
	Centers     map[string]*v1alpha1.ServiceCenter
	Items       map[string]*v1alpha1.ApprovalItem
	Cases       map[string]*v1alpha1.ApprovalCase
	// Calendars are cluster-scoped: every namespace shares them.
	Calendars map[string]*v1alpha1.WorkCalendar
}

// New returns an empty snapshot of namespace.
func New(namespace string, calendars map[string]*v1alpha1.WorkCalendar) *Snapshot {
	if calendars == nil {
		calendars = map[string]*v1alpha1.WorkCalendar{}
	}
	return &Snapshot{
		Namespace:   namespace,
		Departments: map[string]*v1alpha1.Department{},
		Sections:    map[string]*v1alpha1.ApprovalSection{},
		Windows:     map[string]*v1alpha1.ServiceWindow{},
		Centers:     map[string]*v1alpha1.ServiceCenter{},
		Items:       map[string]*v1alpha1.ApprovalItem{},
		Cases:       map[string]*v1alpha1.ApprovalCase{},
		Calendars:   calendars,
	}
}

// Add files an object of a onestop kind; other objects are ignored.
func (s *Snapshot) Add(obj interface{}) {
	switch o := obj.(type) {
	case *v1alpha1.Department:
		s.Departments[o.Name] = o
	case *v1alpha1.ApprovalSection:
		s.Sections[o.Name] = o
	case *v1alpha1.ServiceWindow:
		s.Windows[o.Name] = o
	case *v1alpha1.ServiceCenter:
		s.Centers[o.Name] = o
	case *v1alpha1.ApprovalItem:
		s.Items[o.Name] = o
	case *v1alpha1.ApprovalCase:
		s.Cases[o.Name] = o
	case *v1alpha1.WorkCalendar:
		s.Calendars[o.Name] = o
	}
}

func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// SectionsOf returns the department's sections, by name.
func (s *Snapshot) SectionsOf(department string) []*v1alpha1.ApprovalSection {
	return matching(s.Sections, func(sec *v1alpha1.ApprovalSection) bool { return sec.Spec.Department == department })
}

// WindowsOf returns the department's windows, in every center, by name.
func (s *Snapshot) WindowsOf(department string) []*v1alpha1.ServiceWindow {
	return matching(s.Windows, func(w *v1alpha1.ServiceWindow) bool { return w.Spec.Department == department })
}

// WindowsIn returns the windows of a center, by name (the order in which a simultaneous
// apply creates them, as the center reconciler breaks ties).
func (s *Snapshot) WindowsIn(center string) []string {
	var out []string
	for _, name := range sortedKeys(s.Windows) {
		if s.Windows[name].Spec.Center == center {
			out = append(out, name)
		}
	}
	return out
}

// ItemsOf returns the department's items, by name.
func (s *Snapshot) ItemsOf(department string) []*v1alpha1.ApprovalItem {
	return matching(s.Items, func(it *v1alpha1.ApprovalItem) bool { return it.Spec.Department == department })
}

// matching returns the values of m that keep accepts, in the order of their names.
func matching[T any](m map[string]T, keep func(T) bool) []T {
	var out []T
	for _, name := range sortedKeys(m) {
		if v := m[name]; keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// Named formats a department for messages, as the reconcilers do.
func (s *Snapshot) Named(department string) string {
	if d, ok := s.Departments[department]; ok {
		return policy.Named(d.Spec.DisplayName, department)
	}
	return department
}

// Placement is where a department works: its windows' centers and the sub-centers it runs
// (controllers' placementOf).
func (s *Snapshot) Placement(department string) policy.Placement {
	p := policy.Placement{Windows: map[string]string{}}
	for _, w := range s.WindowsOf(department) {
		p.Windows[w.Name] = w.Spec.Center
	}
	for _, name := range sortedKeys(s.Centers) {
		if s.Centers[name].Spec.HostDepartment == department {
			p.Hosted = append(p.Hosted, name)
		}
	}
	return p
}

// DepartmentFacts assembles what the department rules look at (DepartmentReconciler).
func (s *Snapshot) DepartmentFacts(name string) policy.DepartmentFacts {
	d := s.Departments[name]
	named := s.Named(name)
	f := policy.DepartmentFacts{Name: name}
	if d != nil {
		f.Spec = d.Spec
	}
	for _, sec := range s.SectionsOf(name) {
		f.Sections = append(f.Sections, policy.SectionFacts{Name: sec.Name, Department: named, Spec: sec.Spec})
	}
	for _, w := range s.WindowsOf(name) {
		f.Windows = append(f.Windows, policy.WindowFacts{Name: w.Name, Department: named, Spec: w.Spec})
	}
	var items []policy.ItemFacts
	for _, it := range s.ItemsOf(name) {
		items = append(items, policy.ItemFacts{Name: it.Name, Spec: it.Spec})
	}
	f.Relocation = policy.SummarizeRelocation(items, s.Placement(name))
	f.Category3Items = f.Relocation.Category3
	return f
}

// SectionFacts assembles what the section rules look at (ApprovalSectionReconciler).
func (s *Snapshot) SectionFacts(name string) policy.SectionFacts {
	sec := s.Sections[name]
	return policy.SectionFacts{Name: name, Department: s.Named(sec.Spec.Department), Spec: sec.Spec}
}

// WindowFacts assembles what the window rules look at (ServiceWindowReconciler): the roster
// is known when the window's section exists.
func (s *Snapshot) WindowFacts(name string) policy.WindowFacts {
	w := s.Windows[name]
	f := policy.WindowFacts{Name: name, Department: s.Named(w.Spec.Department), Spec: w.Spec}
	if sec, ok := s.Sections[w.Spec.Section]; ok && w.Spec.Section != "" {
		f.Roster, f.RosterKnown = sec.Spec.Roster, true
	}
	return f
}

// Deciders returns who may review and decide a department's cases, by user name: the heads
// and rosters of its sections, or, without a section, its chief representative and the
// people at its windows (controllers' decidersOf).
func (s *Snapshot) Deciders(department string) map[string]v1alpha1.Person {
	out := map[string]v1alpha1.Person{}
	add := func(people ...v1alpha1.Person) {
		for _, p := range people {
			if p.UserName != "" {
				if _, seen := out[p.UserName]; !seen {
					out[p.UserName] = p
				}
			}
		}
	}
	d, ok := s.Departments[department]
	if !ok {
		return out
	}
	sections := s.SectionsOf(department)
	for _, sec := range sections {
		add(policy.SectionFacts{Spec: sec.Spec}.People()...)
	}
	if len(sections) > 0 {
		return out
	}
	if d.Spec.ChiefRepresentative != nil {
		add(*d.Spec.ChiefRepresentative)
	}
	for _, w := range s.WindowsOf(department) {
		add(policy.WindowFacts{Spec: w.Spec}.People()...)
	}
	return out
}

// CaseCenter names the center whose calendar counts a case's deadlines: the center that
// received it, else the item's center (ApprovalCaseReconciler).
func (s *Snapshot) CaseCenter(c *v1alpha1.ApprovalCase) string {
	if c.Spec.Intake.Center != "" {
		return c.Spec.Intake.Center
	}
	if it, ok := s.Items[c.Spec.Item]; ok {
		return it.Spec.Center
	}
	return ""
}

// CaseCalendar names the WorkCalendar of a case; empty when its center is unknown.
func (s *Snapshot) CaseCalendar(c *v1alpha1.ApprovalCase) string {
	if center, ok := s.Centers[s.CaseCenter(c)]; ok {
		return center.Spec.Calendar
	}
	return ""
}

// Calendar builds the named WorkCalendar; found is false when it is not in the snapshot.
func (s *Snapshot) Calendar(name string) (cal *calendar.Calendar, found bool, err error) {
	wc, ok := s.Calendars[name]
	if !ok {
		return nil, false, nil
	}
	cal, err = calendar.FromWorkCalendar(name, wc.Spec)
	return cal, true, err
}

// CaseFacts assembles what the statutory clock looks at for a case (ApprovalCaseReconciler);
// ok is false when the case's item is not in the snapshot.
func (s *Snapshot) CaseFacts(c *v1alpha1.ApprovalCase) (f deadline.Facts, ok bool) {
	item, ok := s.Items[c.Spec.Item]
	if !ok {
		return deadline.Facts{}, false
	}
	f = deadline.Facts{
		Name:       c.Name,
		Spec:       c.Spec,
		Item:       item.Spec,
		Department: s.Named(item.Spec.Department),
		Deciders:   s.Deciders(item.Spec.Department),
		Recorded:   c.Status,
	}
	if d, ok := s.Departments[item.Spec.Department]; ok {
		f.LeaderInCharge = d.Spec.LeaderInCharge
	}
	if w, ok := s.Windows[c.Spec.Intake.Window]; ok && c.Spec.Intake.Window != "" {
		f.IntakeInCenter = w.Spec.Center == c.Spec.Intake.Center
	}
	return f, true
}

// Load reads the onestop objects of YAML files and folders (as lint reads them), defaulted
// as the API server would store them, into one snapshot per namespace. An object the API
// server would refuse is an error.
func Load(ctx context.Context, paths []string, defaultNamespace string) (map[string]*Snapshot, error) {
	set, err := manifest.Load(paths, defaultNamespace)
	if err != nil {
		return nil, err
	}
	if len(set.Problems) > 0 {
		return nil, set.Problems[0]
	}
	v, err := validate.Shipped()
	if err != nil {
		return nil, err
	}
	calendars := map[string]*v1alpha1.WorkCalendar{}
	out := map[string]*Snapshot{}
	for _, d := range set.Documents {
		k := v.Kind(d.GVK())
		if k == nil {
			continue
		}
		stored, errs := v.Validate(ctx, d.Object, d.Namespace())
		if len(errs) > 0 {
			return nil, fmt.Errorf("%s:%d: %s", d.File, d.LineOf(errs[0].Field), errs[0].Detail)
		}
		var obj runtime.Object
		switch d.GVK().Kind {
		case "Department":
			obj = &v1alpha1.Department{}
		case "ApprovalSection":
			obj = &v1alpha1.ApprovalSection{}
		case "ServiceWindow":
			obj = &v1alpha1.ServiceWindow{}
		case "ServiceCenter":
			obj = &v1alpha1.ServiceCenter{}
		case "ApprovalItem":
			obj = &v1alpha1.ApprovalItem{}
		case "ApprovalCase":
			obj = &v1alpha1.ApprovalCase{}
		case "WorkCalendar":
			obj = &v1alpha1.WorkCalendar{}
		default:
			continue
		}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(stored, obj); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", d.File, d.Line, err)
		}
		if wc, ok := obj.(*v1alpha1.WorkCalendar); ok {
			calendars[wc.Name] = wc
			continue
		}
		ns := d.Namespace()
		if out[ns] == nil {
			out[ns] = New(ns, calendars)
		}
		out[ns].Add(obj)
	}
	return out, nil
}
