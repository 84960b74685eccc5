package policy

import (
	"fmt"
	"strings"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

// CenterFacts is what the ServiceCenter rules look at.
type CenterFacts struct {
	Namespace, Name string
	// Parent is spec.parent; empty for the Center itself.
	Parent string
	// ParentExists tells whether a ServiceCenter named Parent exists in Namespace.
	ParentExists bool
	// HostDepartment is spec.hostDepartment; HostDepartmentExists whether it exists.
	HostDepartment       string
	HostDepartmentExists bool
	// Capacity is spec.capacityWindows.
	Capacity int32
}

// CenterParent: a sub-center's parent must exist. Until it does the sub-center waits
// (Reconciling), since creating the parent resolves it without touching the sub-center.
func CenterParent(f CenterFacts) *conditions.Finding {
	if f.Parent == "" || f.ParentExists {
		return nil
	}
	return &conditions.Finding{
		Type:   conditions.Reconciling,
		Reason: v1alpha1.ReasonParentNotFound,
		Message: fmt.Sprintf("Sub-center %s names parent center %q, which does not exist in namespace %s: create ServiceCenter %q or correct spec.parent.",
			f.Name, f.Parent, f.Namespace, f.Parent),
	}
}

// CenterHostDepartment: the department that runs a sub-center's site must exist.
func CenterHostDepartment(f CenterFacts) *conditions.Finding {
	if f.HostDepartment == "" || f.HostDepartmentExists {
		return nil
	}
	return &conditions.Finding{
		Type:   conditions.Reconciling,
		Reason: v1alpha1.ReasonHostDepartmentNotFound,
		Message: fmt.Sprintf("Center %s names host department %q, which does not exist in namespace %s: create Department %q or correct spec.hostDepartment.",
			f.Name, f.HostDepartment, f.Namespace, f.HostDepartment),
	}
}

// CenterCapacity: a center holds at most its capacity of windows. windows are oldest first;
// the finding names the ones past capacity.
func CenterCapacity(f CenterFacts, windows []string) *conditions.Finding {
	if int32(len(windows)) <= max(f.Capacity, 0) {
		return nil
	}
	over := windows[max(f.Capacity, 0):]
	return &conditions.Finding{
		Type:   v1alpha1.ConditionOverCapacity,
		Reason: v1alpha1.ConditionOverCapacity,
		Message: fmt.Sprintf("Center %s has room for %d windows but %d are declared; over capacity: %s. Move them to a sub-center or a temporary schedule, or raise spec.capacityWindows when the site grows.",
			f.Name, f.Capacity, len(windows), strings.Join(over, ", ")),
	}
}
