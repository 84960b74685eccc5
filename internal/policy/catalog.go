package policy

import (
	"fmt"
	"sort"
	"strings"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

// ItemFacts is what the catalog rules look at.
type ItemFacts struct {
	Name string
	Spec v1alpha1.ApprovalItemSpec
}

// label names an item in messages: its code and name.
func (f ItemFacts) label() string { return fmt.Sprintf("%s %s", f.Spec.Code, f.Spec.DisplayName) }

// Counted tells whether an item counts anywhere: abolished items are out of every count.
func Counted(spec v1alpha1.ApprovalItemSpec) bool {
	return spec.Lifecycle.State != v1alpha1.LifecycleAbolished
}

// Placement is where a department works: the centers of its windows, and the sub-centers
// it runs.
type Placement struct {
	// Windows maps each of the department's windows to its center.
	Windows map[string]string
	// Hosted lists the centers whose spec.hostDepartment is the department.
	Hosted []string
}

// Relocated tells whether an item that must relocate is handled in the Center: its
// department has a window in the item's center, or runs that center as a sub-center. window
// names the window that handles it; empty when the department's sub-center does.
func Relocated(spec v1alpha1.ApprovalItemSpec, p Placement) (relocated bool, window string) {
	if spec.Relocation.Mode != v1alpha1.RelocationRequired || spec.Center == "" {
		return false, ""
	}
	var windows []string
	for w, center := range p.Windows {
		if center == spec.Center {
			windows = append(windows, w)
		}
	}
	if len(windows) > 0 {
		sort.Strings(windows)
		return true, windows[0]
	}
	for _, c := range p.Hosted {
		if c == spec.Center {
			return true, ""
		}
	}
	return false, ""
}

// ItemRelocation: an item that must relocate is handled in its center.
func ItemRelocation(f ItemFacts, department string, p Placement) *conditions.Finding {
	if !Counted(f.Spec) || f.Spec.Relocation.Mode != v1alpha1.RelocationRequired {
		return nil
	}
	if ok, _ := Relocated(f.Spec, p); ok {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionNotRelocated,
		Reason: v1alpha1.ConditionNotRelocated,
		Message: fmt.Sprintf("Item %s must be handled in center %s, but %s has no window there: declare a ServiceWindow for it in %s, or mark the item Exempt with the reason.",
			f.label(), f.Spec.Center, department, f.Spec.Center),
	}
}

// CatalogRefs is what an item's references resolve to.
type CatalogRefs struct {
	DepartmentExists bool
	// CenterExists is ignored when the item names no center.
	CenterExists bool
	// MissingCoApprovers names co-approving departments that do not exist.
	MissingCoApprovers []string
	// SameCode names the other items in the namespace with the item's code.
	SameCode []string
}

// ItemCatalog: an item's department, center and co-approvers exist, and its code is unique.
func ItemCatalog(f ItemFacts, refs CatalogRefs) *conditions.Finding {
	var problems []string
	if !refs.DepartmentExists {
		problems = append(problems, fmt.Sprintf("department %q does not exist (create it or correct spec.department)", f.Spec.Department))
	}
	if f.Spec.Center != "" && !refs.CenterExists {
		problems = append(problems, fmt.Sprintf("center %q does not exist (create it or correct spec.center)", f.Spec.Center))
	}
	if len(refs.MissingCoApprovers) > 0 {
		problems = append(problems, fmt.Sprintf("co-approving departments do not exist: %s (correct spec.coApprovers)", strings.Join(refs.MissingCoApprovers, ", ")))
	}
	if len(refs.SameCode) > 0 {
		same := append([]string(nil), refs.SameCode...)
		sort.Strings(same)
		problems = append(problems, fmt.Sprintf("code %s is also used by %s (give each item its own code)", f.Spec.Code, strings.Join(same, ", ")))
	}
	if len(problems) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:    v1alpha1.ConditionCatalogInvalid,
		Reason:  v1alpha1.ConditionCatalogInvalid,
		Message: fmt.Sprintf("Catalog entry %s is invalid: %s.", f.label(), strings.Join(problems, "; ")),
	}
}

// RelocationSummary is a department's relocation progress.
type RelocationSummary struct {
	// Total counts the department's items that are not abolished.
	Total int32
	// Required counts those that must relocate; Relocated those of them that have.
	Required, Relocated int32
	// NotRelocated lists the codes of the required items not yet relocated.
	NotRelocated []string
	// Category3 lists the codes of the active category 3 items.
	Category3 []string
}

// Percent is the share of required items relocated, 100 when none is required.
func (s RelocationSummary) Percent() int32 {
	if s.Required == 0 {
		return 100
	}
	return s.Relocated * 100 / s.Required
}

// SummarizeRelocation counts a department's items and their relocation.
func SummarizeRelocation(items []ItemFacts, p Placement) RelocationSummary {
	var s RelocationSummary
	for _, it := range items {
		if !Counted(it.Spec) {
			continue
		}
		s.Total++
		if it.Spec.Category == 3 && it.Spec.Lifecycle.State == v1alpha1.LifecycleActive {
			s.Category3 = append(s.Category3, it.Spec.Code)
		}
		if it.Spec.Relocation.Mode != v1alpha1.RelocationRequired {
			continue
		}
		s.Required++
		if ok, _ := Relocated(it.Spec, p); ok {
			s.Relocated++
		} else {
			s.NotRelocated = append(s.NotRelocated, it.Spec.Code)
		}
	}
	sort.Strings(s.NotRelocated)
	sort.Strings(s.Category3)
	return s
}

// DepartmentRelocation: every item of the department that must relocate has.
func DepartmentRelocation(department string, s RelocationSummary) *conditions.Finding {
	if len(s.NotRelocated) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionNotRelocated,
		Reason: v1alpha1.ConditionNotRelocated,
		Message: fmt.Sprintf("%s has relocated %d of %d items that must be handled in the Center; not yet: %s. Staff a window for them in their centers (see each item's NotRelocated condition).",
			department, s.Relocated, s.Required, strings.Join(s.NotRelocated, ", ")),
	}
}
