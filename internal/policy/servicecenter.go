package policy

import (
	"fmt"

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
