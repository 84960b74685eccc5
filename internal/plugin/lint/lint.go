// Package lint checks a set of manifests offline, as a GitOps pipeline needs before it
// applies them: every onestop object against the CRD schemas and CEL rules shipped in the
// binary (as the API server would check it), then the whole set against the rules the
// controllers apply across objects (internal/policy, internal/deadline).
//
// Errors are what the API server would refuse, or what no controller can resolve from the
// set: a missing field, a broken CEL rule, a duplicate item code, a reference to an object
// that is not declared, a calendar whose data contradicts itself or does not cover a case's
// dates. Warnings are the anomalies the controllers would report on valid objects (a section
// whose staffing plan awaits approval, an item not relocated, temporary staff, ...): the
// manifests are fine, the county has work to do.
package lint

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/runtime"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/conditions"
	"onestop.dev/onestop/internal/deadline"
	"onestop.dev/onestop/internal/plugin/county"
	"onestop.dev/onestop/internal/plugin/manifest"
	"onestop.dev/onestop/internal/plugin/validate"
	"onestop.dev/onestop/internal/policy"
	"onestop.dev/onestop/internal/rollout"
)

// Severity of a finding.
type Severity string

const (
	// Error: the manifests cannot be applied as they are, or describe a county no controller
	// can make sense of. lint exits 1.
	Error Severity = "error"
	// Warning: the objects are valid, but a controller would report this anomaly on them.
	Warning Severity = "warning"
)

// Rules that are not a condition reason of the API.
const (
	RuleYAML            = "InvalidYAML"
	RuleNotAnObject     = "NotAnObject"
	RuleUnknownKind     = "UnknownKind"
	RuleDuplicateObject = "DuplicateObject"
	RuleDuplicateCode   = "DuplicateCode"
	RuleCalendarInvalid = v1alpha1.ReasonInvalidCalendarData
	RuleCalendarMissing = v1alpha1.ConditionCalendarDataMissing
)

// Finding is one problem, where it was written.
type Finding struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Kind      string   `json:"kind,omitempty"`
	Namespace string   `json:"namespace,omitempty"`
	Name      string   `json:"name,omitempty"`
	Severity  Severity `json:"severity"`
	// Rule names the check: Schema, CEL, UnknownField, a condition reason of the API
	// (DepartmentNotFound, CalendarDataMissing, NotRelocated, ...), DuplicateCode, ...
	Rule string `json:"rule"`
	// Field is the field path the finding is about, when there is one.
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// String formats the finding as `file:line: Kind/name: message`, with "warning: " before
// the message of a warning.
func (f Finding) String() string {
	where := fmt.Sprintf("%s:%d:", f.File, f.Line)
	if f.Kind != "" {
		where += fmt.Sprintf(" %s/%s:", f.Kind, f.Name)
	}
	msg := f.Message
	if f.Severity == Warning {
		msg = "warning: " + msg
	}
	return where + " " + msg
}

// Options tune a run.
type Options struct {
	// Now is the instant the time-dependent rules (certificate validity, the current year's
	// calendar) are judged at.
	Now time.Time
	// Location is the zone of certificate expiry dates, as the manager's --time-zone.
	Location *time.Location
	// External lists kinds managed outside the files (for example WorkCalendar, shared by a
	// province): references to them are not checked.
	External []string
}

// Result is what a run found.
type Result struct {
	Files    int       `json:"files"`
	Objects  int       `json:"objects"`
	Skipped  int       `json:"skipped"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Findings []Finding `json:"findings"`
}

// object is one onestop document and what validation made of it.
type object struct {
	doc   *manifest.Document
	kind  string
	ns    string
	name  string
	valid bool
	typed runtime.Object
}

type linter struct {
	opts     Options
	external map[string]bool
	findings []Finding
	objects  map[string]*object // kind/namespace/name -> first declaration
	counties map[string]*county.Snapshot
	order    []*object
}

// Run lints the documents of set.
func Run(ctx context.Context, set manifest.Set, v *validate.Validator, opts Options) Result {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	l := &linter{opts: opts, external: map[string]bool{}, objects: map[string]*object{}, counties: map[string]*county.Snapshot{}}
	for _, k := range opts.External {
		l.external[strings.ToLower(k)] = true
	}
	res := Result{Files: len(set.Files)}
	for _, p := range set.Problems {
		l.add(Finding{File: p.File, Line: p.Line, Severity: Error, Rule: RuleYAML, Message: p.Message})
	}
	groups := map[string]bool{}
	for _, g := range v.Groups() {
		groups[g] = true
	}
	calendars := map[string]*v1alpha1.WorkCalendar{}
	for i := range set.Documents {
		d := &set.Documents[i]
		gvk := d.GVK()
		if gvk.Kind == "" || d.Object["apiVersion"] == nil {
			l.add(Finding{File: d.File, Line: d.Line, Severity: Error, Rule: RuleNotAnObject,
				Message: "the document has no apiVersion or kind: every manifest names both (apiVersion: reform.onestop.dev/v1alpha1 for onestop kinds)"})
			continue
		}
		if !groups[gvk.Group] {
			res.Skipped++
			continue
		}
		res.Objects++
		k := v.Kind(gvk)
		o := &object{doc: d, kind: gvk.Kind, name: d.Name()}
		if k == nil {
			l.add(l.at(o, "kind", Error, RuleUnknownKind, fmt.Sprintf("%s serves no kind %q: use one of %s", gvk.GroupVersion(), gvk.Kind, strings.Join(v.Kinds(gvk.Group), ", "))))
			continue
		}
		if k.Namespaced {
			o.ns = d.Namespace()
		}
		stored, errs := v.Validate(ctx, d.Object, d.Namespace())
		last := ""
		for _, e := range errs {
			field := fieldOf(d, e)
			if e.NotChecked {
				field = last // after the errors that stopped the rules
			}
			l.add(l.at(o, field, Error, string(e.Source), e.Detail))
			if d.LineOf(field) >= d.LineOf(last) {
				last = field
			}
		}
		o.valid = len(errs) == 0
		key := gvk.Kind + "/" + o.ns + "/" + o.name
		if first, dup := l.objects[key]; dup {
			l.add(l.at(o, "metadata.name", Warning, RuleDuplicateObject,
				fmt.Sprintf("%s %q is declared again (first at %s:%d): when both are applied the later one wins, and kustomize refuses the pair; keep one", gvk.Kind, o.name, first.doc.File, first.doc.Line)))
			continue
		}
		l.objects[key] = o
		l.order = append(l.order, o)
		if stored != nil {
			if typed := newTyped(gvk.Kind); typed != nil {
				if err := runtime.DefaultUnstructuredConverter.FromUnstructured(stored, typed); err == nil {
					o.typed = typed
				} else {
					o.valid = false
				}
			}
		}
		if o.typed == nil {
			continue
		}
		if wc, ok := o.typed.(*v1alpha1.WorkCalendar); ok {
			calendars[wc.Name] = wc
			continue
		}
		l.county(o.ns, calendars).Add(o.typed)
	}
	l.crossObject()

	sort.SliceStable(l.findings, func(i, j int) bool {
		a, b := l.findings[i], l.findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	res.Findings = l.findings
	for _, f := range l.findings {
		if f.Severity == Error {
			res.Errors++
		} else {
			res.Warnings++
		}
	}
	return res
}

func newTyped(kind string) runtime.Object {
	switch kind {
	case "Department":
		return &v1alpha1.Department{}
	case "ApprovalSection":
		return &v1alpha1.ApprovalSection{}
	case "ServiceWindow":
		return &v1alpha1.ServiceWindow{}
	case "ServiceCenter":
		return &v1alpha1.ServiceCenter{}
	case "ApprovalItem":
		return &v1alpha1.ApprovalItem{}
	case "ApprovalCase":
		return &v1alpha1.ApprovalCase{}
	case "WorkCalendar":
		return &v1alpha1.WorkCalendar{}
	case "ReformPlan":
		return &v1alpha1.ReformPlan{}
	case "Assessment":
		return &v1alpha1.Assessment{}
	}
	return nil
}

func (l *linter) county(ns string, calendars map[string]*v1alpha1.WorkCalendar) *county.Snapshot {
	c, ok := l.counties[ns]
	if !ok {
		c = county.New(ns, calendars)
		l.counties[ns] = c
	}
	return c
}

func (l *linter) add(f Finding) { l.findings = append(l.findings, f) }

// at makes a finding about o at field.
func (l *linter) at(o *object, field string, sev Severity, rule, msg string) Finding {
	return Finding{File: o.doc.File, Line: o.doc.LineOf(field), Kind: o.kind, Namespace: o.ns, Name: o.name,
		Severity: sev, Rule: rule, Field: field, Message: msg}
}

// fieldMention finds the first field a rule's message names, such as spec.extension.days.
var fieldMention = regexp.MustCompile(`\bspec(\.[a-zA-Z]+)+`)

// fieldOf points a validation error at the most precise field written: a rule on spec
// that names a field in its message points at that field when the document has it.
func fieldOf(d *manifest.Document, e validate.Error) string {
	if e.Source == validate.SourceCEL {
		if m := fieldMention.FindString(e.Detail); m != "" && strings.HasPrefix(m, e.Field) && d.LineOf(m) != d.LineOf(e.Field) {
			return m
		}
	}
	return e.Field
}

// finding turns a policy finding about o into a lint finding.
func (l *linter) finding(o *object, field string, sev Severity, f *conditions.Finding) {
	if f == nil {
		return
	}
	rule := f.Reason
	if rule == "" {
		rule = f.Type
	}
	l.add(l.at(o, field, sev, rule, f.Message))
}

func (l *linter) get(kind, ns, name string) *object {
	return l.objects[kind+"/"+ns+"/"+name]
}

// exists tells whether an object is declared, or its kind is managed elsewhere.
func (l *linter) exists(kind, ns, name string) bool {
	return l.external[strings.ToLower(kind)] || l.get(kind, ns, name) != nil
}

// references reports the references of o that name undeclared objects, as the reconcilers
// do (policy.References); each finding points at its field.
func (l *linter) references(o *object, subject string, refs ...policy.Reference) {
	for _, r := range refs {
		for _, f := range policy.References(subject, o.ns, r) {
			l.add(l.at(o, r.Field, Error, f.Reason, f.Message))
		}
	}
}

func (l *linter) crossObject() {
	now, loc := l.opts.Now, l.opts.Location
	built := map[string]*calendar.Calendar{}
	// Calendars first: centers and cases count on them.
	for _, o := range l.order {
		t, ok := o.typed.(*v1alpha1.WorkCalendar)
		if !ok || !o.valid {
			continue
		}
		cal, err := calendar.FromWorkCalendar(t.Name, t.Spec)
		if err != nil {
			l.add(l.at(o, "spec.years", Error, RuleCalendarInvalid, fmt.Sprintf("%v. Correct the data; until then no deadline counts on this calendar.", err)))
			continue
		}
		built[t.Name] = cal
		l.finding(o, "spec.years", Warning, policy.CalendarCoverage("", t.Name, cal, now))
	}
	for _, o := range l.order {
		if !o.valid || o.typed == nil {
			continue
		}
		ns := o.ns
		c := l.counties[ns]
		switch t := o.typed.(type) {
		case *v1alpha1.Department:
			l.references(o, fmt.Sprintf("Department %q", t.Name), policy.Reference{
				Kind: "ServiceCenter", Name: t.Spec.Center, Field: "spec.center", Exists: l.exists("ServiceCenter", ns, t.Spec.Center), Reason: v1alpha1.ReasonCenterNotFound})
			for _, f := range policy.DepartmentFindings(c.DepartmentFacts(t.Name), now, loc) {
				l.finding(o, departmentField(f.Type), Warning, &f)
			}
		case *v1alpha1.ApprovalSection:
			l.references(o, fmt.Sprintf("Section %q", t.Name), policy.Reference{
				Kind: "Department", Name: t.Spec.Department, Field: "spec.department", Exists: l.exists("Department", ns, t.Spec.Department), Reason: v1alpha1.ReasonDepartmentNotFound})
			for _, f := range policy.SectionFindings(c.SectionFacts(t.Name), now, loc) {
				l.finding(o, sectionField(f.Type), Warning, &f)
			}
		case *v1alpha1.ServiceWindow:
			l.references(o, fmt.Sprintf("Window %q", t.Name),
				policy.Reference{Kind: "ServiceCenter", Name: t.Spec.Center, Field: "spec.center", Exists: l.exists("ServiceCenter", ns, t.Spec.Center), Reason: v1alpha1.ReasonCenterNotFound},
				policy.Reference{Kind: "Department", Name: t.Spec.Department, Field: "spec.department", Exists: l.exists("Department", ns, t.Spec.Department), Reason: v1alpha1.ReasonDepartmentNotFound},
				policy.Reference{Kind: "ApprovalSection", Name: t.Spec.Section, Field: "spec.section", Exists: l.exists("ApprovalSection", ns, t.Spec.Section), Reason: v1alpha1.ReasonSectionNotFound})
			for _, f := range policy.WindowFindings(c.WindowFacts(t.Name), now, loc) {
				l.finding(o, windowField(f.Type), Warning, &f)
			}
		case *v1alpha1.ServiceCenter:
			facts := policy.CenterFacts{Namespace: ns, Name: t.Name, Capacity: t.Spec.CapacityWindows,
				Parent: t.Spec.Parent, ParentExists: l.exists("ServiceCenter", ns, t.Spec.Parent),
				HostDepartment: t.Spec.HostDepartment, HostDepartmentExists: l.exists("Department", ns, t.Spec.HostDepartment)}
			if f := policy.CenterParent(facts); f != nil {
				l.finding(o, "spec.parent", Error, f)
			}
			if f := policy.CenterHostDepartment(facts); f != nil {
				l.finding(o, "spec.hostDepartment", Error, f)
			}
			l.finding(o, "spec.capacityWindows", Warning, policy.CenterCapacity(facts, c.WindowsIn(t.Name)))
			l.references(o, "Center "+t.Name, policy.Reference{
				Kind: "WorkCalendar", Name: t.Spec.Calendar, Field: "spec.calendar", Exists: l.exists("WorkCalendar", "", t.Spec.Calendar), Reason: v1alpha1.ReasonCalendarNotFound})
			if wc := l.get("WorkCalendar", "", t.Spec.Calendar); wc != nil && wc.valid && built[t.Spec.Calendar] == nil {
				l.add(l.at(o, "spec.calendar", Error, RuleCalendarInvalid,
					fmt.Sprintf("Center %s counts deadlines on WorkCalendar %q, whose data is invalid (see the finding on it): no deadline runs until it is fixed.", t.Name, t.Spec.Calendar)))
			}
		case *v1alpha1.ApprovalItem:
			l.item(o, t, c)
		case *v1alpha1.ApprovalCase:
			l.kase(o, t, c, built)
		case *v1alpha1.ReformPlan:
			l.plan(o, t, built)
		case *v1alpha1.Assessment:
			subject := fmt.Sprintf("Assessment %q", t.Name)
			l.references(o, subject, policy.Reference{Kind: "ServiceCenter", Name: t.Spec.Center, Field: "spec.center",
				Exists: l.exists("ServiceCenter", ns, t.Spec.Center), Reason: v1alpha1.ReasonCenterNotFound})
			for i, d := range t.Spec.Departments {
				l.references(o, subject, policy.Reference{Kind: "Department", Name: d, Field: fmt.Sprintf("spec.departments[%d]", i),
					Exists: l.exists("Department", ns, d), Reason: v1alpha1.ReasonDepartmentNotFound})
			}
			for i, f := range t.Spec.Findings {
				l.references(o, subject, policy.Reference{Kind: "Department", Name: f.Department, Field: fmt.Sprintf("spec.findings[%d].department", i),
					Exists: l.exists("Department", ns, f.Department), Reason: v1alpha1.ReasonDepartmentNotFound})
			}
		}
	}
}

// item applies the catalog rules of ItemCatalog one problem at a time, so that each
// finding points at its own field, and ItemRelocation.
func (l *linter) item(o *object, t *v1alpha1.ApprovalItem, c *county.Snapshot) {
	if !policy.Counted(t.Spec) {
		return // abolished items are out of every rule, as in ApprovalItemReconciler
	}
	ns := o.ns
	facts := policy.ItemFacts{Name: t.Name, Spec: t.Spec}
	ok := policy.CatalogRefs{DepartmentExists: true, CenterExists: true}
	if !l.exists("Department", ns, t.Spec.Department) {
		refs := ok
		refs.DepartmentExists = false
		l.finding(o, "spec.department", Error, withReason(policy.ItemCatalog(facts, refs), v1alpha1.ReasonDepartmentNotFound))
	}
	if t.Spec.Center != "" && !l.exists("ServiceCenter", ns, t.Spec.Center) {
		refs := ok
		refs.CenterExists = false
		l.finding(o, "spec.center", Error, withReason(policy.ItemCatalog(facts, refs), v1alpha1.ReasonCenterNotFound))
	}
	var missing []string
	field := ""
	for i, co := range t.Spec.CoApprovers {
		if !l.exists("Department", ns, co.Department) {
			missing = append(missing, co.Department)
			if field == "" {
				field = fmt.Sprintf("spec.coApprovers[%d].department", i)
			}
		}
	}
	if len(missing) > 0 {
		refs := ok
		refs.MissingCoApprovers = missing
		l.finding(o, field, Error, withReason(policy.ItemCatalog(facts, refs), v1alpha1.ReasonDepartmentNotFound))
	}
	var same []string
	for _, other := range c.Items {
		if other.Name != t.Name && other.Spec.Code == t.Spec.Code && policy.Counted(other.Spec) {
			where := other.Name
			if od := l.get("ApprovalItem", ns, other.Name); od != nil {
				where = fmt.Sprintf("%s (%s:%d)", other.Name, od.doc.File, od.doc.LineOf("spec.code"))
			}
			same = append(same, where)
		}
	}
	if len(same) > 0 {
		refs := ok
		refs.SameCode = same
		l.finding(o, "spec.code", Error, withReason(policy.ItemCatalog(facts, refs), RuleDuplicateCode))
	}
	if l.exists("Department", ns, t.Spec.Department) {
		l.finding(o, "spec.center", Warning, policy.ItemRelocation(facts, c.Named(t.Spec.Department), c.Placement(t.Spec.Department)))
	}
}

// kase checks a case's references, and that its calendar covers every day its deadlines
// need: the statutory clock is run as the case reconciler runs it, at a moment after every
// deadline the case can have, so that each one is counted.
func (l *linter) kase(o *object, t *v1alpha1.ApprovalCase, c *county.Snapshot, built map[string]*calendar.Calendar) {
	ns := o.ns
	subject := fmt.Sprintf("Case %q", t.Name)
	l.references(o, subject, policy.Reference{
		Kind: "ApprovalItem", Name: t.Spec.Item, Field: "spec.item", Exists: l.exists("ApprovalItem", ns, t.Spec.Item), Reason: v1alpha1.ReasonItemNotFound})
	refs := []policy.Reference{{Kind: "ServiceCenter", Name: t.Spec.Intake.Center, Field: "spec.intake.center", Exists: l.exists("ServiceCenter", ns, t.Spec.Intake.Center), Reason: v1alpha1.ReasonCenterNotFound}}
	if t.Spec.Intake.Channel == v1alpha1.IntakeWindow {
		refs = append(refs, policy.Reference{Kind: "ServiceWindow", Name: t.Spec.Intake.Window, Field: "spec.intake.window", Exists: l.exists("ServiceWindow", ns, t.Spec.Intake.Window), Reason: "WindowNotFound"})
	}
	l.references(o, subject, refs...)
	facts, ok := c.CaseFacts(t)
	if !ok {
		return
	}
	cal := built[c.CaseCalendar(t)]
	if cal == nil {
		return // the center's calendar is missing or invalid: reported on the center
	}
	horizon := t.Spec.ReceivedAt.Add(3 * 366 * 24 * time.Hour)
	res, err := deadline.Evaluate(facts, cal, horizon)
	var missing *calendar.MissingYearError
	switch {
	case errors.As(err, &missing):
		l.add(l.at(o, "spec.receivedAt", Error, RuleCalendarMissing, err.Error()))
	case err != nil:
		l.add(l.at(o, "spec", Error, RuleCalendarMissing, err.Error()))
	}
	for _, f := range res.Findings {
		if f.Type == v1alpha1.ConditionCalendarDataMissing {
			l.add(l.at(o, "spec.receivedAt", Error, RuleCalendarMissing,
				fmt.Sprintf("%s (calendar %q of center %q)", f.Message, c.CaseCalendar(t), c.CaseCenter(t))))
		}
	}
}

// plan checks a ReformPlan's references and that its calendar covers every phase: a phase
// is due at close of business of its end date (or of the next working day), which the plan
// reconciler cannot count in a year the calendar lacks.
func (l *linter) plan(o *object, t *v1alpha1.ReformPlan, built map[string]*calendar.Calendar) {
	ns := o.ns
	subject := fmt.Sprintf("ReformPlan %q", t.Name)
	l.references(o, subject, policy.Reference{Kind: "WorkCalendar", Name: t.Spec.Calendar, Field: "spec.calendar",
		Exists: l.exists("WorkCalendar", "", t.Spec.Calendar), Reason: v1alpha1.ReasonCalendarNotFound})
	if off := t.Spec.LeadingGroup.Office; off != nil {
		l.references(o, subject, policy.Reference{Kind: "ServiceCenter", Name: off.Center, Field: "spec.leadingGroup.office.center",
			Exists: l.exists("ServiceCenter", ns, off.Center), Reason: v1alpha1.ReasonCenterNotFound})
	}
	for i, in := range t.Spec.Inspections {
		l.references(o, subject, policy.Reference{Kind: "Department", Name: in.Department, Field: fmt.Sprintf("spec.inspections[%d].department", i),
			Exists: l.exists("Department", ns, in.Department), Reason: v1alpha1.ReasonDepartmentNotFound})
	}
	if _, err := rollout.InScope(t.Spec.Scope, 1, nil); err != nil {
		l.add(l.at(o, "spec.scope.selector", Error, v1alpha1.ReasonInvalidPlan, err.Error()))
	}
	cal := built[t.Spec.Calendar]
	if cal == nil {
		return // missing (reported above), invalid (reported on the calendar) or external
	}
	phases, err := rollout.PhasesOf(t.Spec.Phases)
	if err != nil {
		return // the schema's date rules have said what is wrong
	}
	for i, ph := range phases {
		field := fmt.Sprintf("spec.phases[%d]", i)
		var missing *calendar.MissingYearError
		if !cal.Covers(ph.Start.Year) {
			missing = &calendar.MissingYearError{Calendar: t.Spec.Calendar, Year: ph.Start.Year}
			field += ".start"
		} else if _, err := rollout.Due(cal, ph.End); err != nil && !errors.As(err, &missing) {
			continue
		} else if missing != nil {
			field += ".end"
		}
		if missing != nil {
			l.add(l.at(o, field, Error, RuleCalendarMissing, fmt.Sprintf("Phase %s (%s .. %s) of %s cannot be followed: %v.", ph.Name, ph.Start, ph.End, subject, missing)))
		}
	}
}

func withReason(f *conditions.Finding, reason string) *conditions.Finding {
	if f != nil {
		f.Reason = reason
	}
	return f
}

// departmentField is the field a department anomaly is about.
func departmentField(t string) string {
	switch t {
	case v1alpha1.ConditionChiefRepresentativeMissing:
		return "spec.chiefRepresentative"
	case v1alpha1.ConditionLeaderInChargeMissing:
		return "spec.leaderInCharge"
	case v1alpha1.ConditionSectionMissing:
		return "spec.batch"
	}
	return "metadata.name"
}

func sectionField(t string) string {
	switch t {
	case v1alpha1.ConditionHeadMissing:
		return "spec.head"
	case v1alpha1.ConditionNotFullyAuthorized:
		return "spec.authorization"
	case v1alpha1.ConditionStaffingPlanPending:
		return "spec.staffingPlan"
	case v1alpha1.ConditionTemporaryStaff, v1alpha1.ConditionUncertifiedStaff:
		return "spec.roster"
	}
	return "metadata.name"
}

func windowField(t string) string {
	switch t {
	case v1alpha1.ConditionHeadMissing:
		return "spec.head"
	case v1alpha1.ConditionScheduleMissing:
		return "spec.mode"
	case v1alpha1.ConditionUnstaffed, v1alpha1.ConditionStaffNotInRoster, v1alpha1.ConditionTemporaryStaff, v1alpha1.ConditionUncertifiedStaff:
		return "spec.staff"
	}
	return "metadata.name"
}
