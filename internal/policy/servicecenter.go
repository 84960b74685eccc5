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
	return first(References("Center "+f.Name, f.Namespace, Reference{
		Kind: "ServiceCenter", Name: f.Parent, Field: "spec.parent", Exists: f.ParentExists, Reason: v1alpha1.ReasonParentNotFound,
	}))
}

// CenterHostDepartment: the department that runs a sub-center's site must exist.
func CenterHostDepartment(f CenterFacts) *conditions.Finding {
	return first(References("Center "+f.Name, f.Namespace, Reference{
		Kind: "Department", Name: f.HostDepartment, Field: "spec.hostDepartment", Exists: f.HostDepartmentExists, Reason: v1alpha1.ReasonHostDepartmentNotFound,
	}))
}

func first(findings []conditions.Finding) *conditions.Finding {
	if len(findings) == 0 {
		return nil
	}
	return &findings[0]
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
