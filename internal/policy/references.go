package policy

import (
	"fmt"

	"onestop.dev/onestop/internal/conditions"
)

// Reference is one object another object names, e.g. a window's department.
type Reference struct {
	// Kind and Name of the object named; Field is the spec field that names it.
	Kind, Name, Field string
	// Exists tells whether it exists in the namespace.
	Exists bool
	// Reason is the condition reason when it does not, e.g. DepartmentNotFound.
	Reason string
}

// References: every object named must exist. Until it does, the naming object waits
// (Reconciling), since creating the missing object resolves it without touching the spec.
// subject names the naming object in messages, e.g. `Window "w-construction"`; namespace is
// empty for cluster-scoped kinds.
func References(subject, namespace string, refs ...Reference) []conditions.Finding {
	where := "in the cluster"
	if namespace != "" {
		where = "in namespace " + namespace
	}
	var out []conditions.Finding
	for _, r := range refs {
		if r.Name == "" || r.Exists {
			continue
		}
		out = append(out, conditions.Finding{
			Type:   conditions.Reconciling,
			Reason: r.Reason,
			Message: fmt.Sprintf("%s names %s %q in %s, which does not exist %s: create it or correct %s.",
				subject, r.Kind, r.Name, r.Field, where, r.Field),
		})
	}
	return out
}
