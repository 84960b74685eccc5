package v1alpha1

// Condition types. Ready summarises every kind. Reconciling and Stalled follow the kstatus
// conventions so that `kubectl wait`, Flux and Argo CD health checks read the object
// correctly: Reconciling while onestop waits for something that may still appear (a parent
// center not yet created), Stalled when only a change to the spec can help.
const (
	ConditionReady       = "Ready"
	ConditionReconciling = "Reconciling"
	ConditionStalled     = "Stalled"
)

// Condition reasons shared by every kind.
const (
	// ReasonReconciled: the object matches its declaration and no anomaly holds.
	ReasonReconciled = "Reconciled"
)

// ServiceCenter reasons.
const (
	// ReasonParentNotFound: a sub-center names a parent ServiceCenter that does not exist.
	ReasonParentNotFound = "ParentNotFound"
)
