package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Management tells who manages a department.
// +kubebuilder:validation:Enum=Local;Vertical
type Management string

const (
	// ManagementLocal: the county government manages the department.
	ManagementLocal Management = "Local"
	// ManagementVertical: a higher level manages it (tax, tobacco, ...). It may decline to
	// form an approval-service section, but must still relocate every listed item, staff its
	// window, and name a section-level cadre to head the window.
	ManagementVertical Management = "Vertical"
)

// DepartmentSpec declares a county department and its part in the reform.
// +kubebuilder:validation:XValidation:rule="!has(self.declinesSection) || !self.declinesSection || self.management == 'Vertical'",message="only a vertically managed unit (spec.management: Vertical) may decline to form an approval-service section; set spec.declinesSection to false"
type DepartmentSpec struct {
	// displayName is the department's name, e.g. "建设局 (Construction Bureau)".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	DisplayName string `json:"displayName"`

	// batch is the relocation batch: 1 forms its approval-service section and moves into the
	// Center first; 2 waits for room, and meanwhile sends a chief representative and staff.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=2
	Batch int32 `json:"batch"`

	// management is Local or Vertical.
	// +required
	Management Management `json:"management"`

	// declinesSection records that a vertical unit chose not to form an approval-service
	// section. It must then have a chief representative, staff in the Center, and a window
	// headed by a section-level cadre.
	// +optional
	DeclinesSection bool `json:"declinesSection,omitempty"`

	// center names the ServiceCenter, in this namespace, the department relocates into.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.center must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Center string `json:"center"`

	// leaderInCharge is the department leader (分管领导) who answers for category 3 items
	// finishing on time. Required once the department has category 3 items.
	// +optional
	LeaderInCharge *Person `json:"leaderInCharge,omitempty"`

	// chiefRepresentative (首席代表) is the department's fully empowered senior person in the
	// Center. Required while the department has no approval-service section.
	// +optional
	ChiefRepresentative *Person `json:"chiefRepresentative,omitempty"`

	// implementationPlanSubmitted is the day the department submitted its implementation plan
	// to the Center (YYYY-MM-DD); the mobilisation phase checks it.
	// +optional
	// +kubebuilder:validation:Format=date
	ImplementationPlanSubmitted string `json:"implementationPlanSubmitted,omitempty"`

	// staffRegistrationSubmitted is the day the department submitted the registration form of
	// the staff it sends to the Center (YYYY-MM-DD).
	// +optional
	// +kubebuilder:validation:Format=date
	StaffRegistrationSubmitted string `json:"staffRegistrationSubmitted,omitempty"`
}

// DepartmentStatus is what onestop found about a department, across its sections and windows.
type DepartmentStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// section names the department's approval-service section, if it has one.
	// +optional
	Section string `json:"section,omitempty"`

	// sections counts the department's approval-service sections (normally 0 or 1).
	// +optional
	Sections int32 `json:"sections"`

	// windows counts the department's service windows, in every center.
	// +optional
	Windows int32 `json:"windows"`

	// windowsStaffed counts those of its windows where somebody works (staff or head).
	// +optional
	WindowsStaffed int32 `json:"windowsStaffed"`

	// staff counts the distinct people the department has in the Center: its chief
	// representative and the people of its sections and windows.
	// +optional
	Staff int32 `json:"staff"`

	// temporaryStaff counts those of them who are temporary staff.
	// +optional
	TemporaryStaff int32 `json:"temporaryStaff"`

	// uncertifiedStaff counts those of them without a valid law-enforcement certificate.
	// +optional
	UncertifiedStaff int32 `json:"uncertifiedStaff"`

	// itemsTotal counts the department's catalog items that are not abolished.
	// +optional
	ItemsTotal int32 `json:"itemsTotal"`

	// itemsRequired counts those that must be handled in the Center.
	// +optional
	ItemsRequired int32 `json:"itemsRequired"`

	// itemsRelocated counts those of them that are: a window of the department (or a
	// sub-center it runs) handles them in their center.
	// +optional
	ItemsRelocated int32 `json:"itemsRelocated"`

	// relocation is itemsRelocated/itemsRequired, e.g. "9/10", for kubectl.
	// +optional
	Relocation string `json:"relocation,omitempty"`

	// relocationPercent is the share of required items relocated; 100 when none is required.
	// +optional
	RelocationPercent int32 `json:"relocationPercent"`

	// cases counts the cases of the department's items.
	// +optional
	Cases CaseFigures `json:"cases,omitempty"`

	// rollout is the verdict of each ReformPlan that covers the department: the plan's
	// current phase and the requirements the department still owes or met late, with the
	// dates they are or were due. It does not change Ready: the plan reports missed deadlines.
	// +optional
	// +listType=map
	// +listMapKey=plan
	// +kubebuilder:validation:MaxItems=8
	Rollout []DepartmentRollout `json:"rollout,omitempty"`

	// conditions: Ready summarises; anomalies (SectionMissing, ChiefRepresentativeMissing,
	// CenterUnstaffed, WindowHeadNotCadre, TemporaryStaff, UncertifiedStaff,
	// NotFullyAuthorized, NotRelocated, LeaderInChargeMissing) are present only while they hold.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// Department is a county department taking part in the reform.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=dept,categories=onestop
// +kubebuilder:printcolumn:name="Display Name",type=string,JSONPath=`.spec.displayName`
// +kubebuilder:printcolumn:name="Batch",type=integer,JSONPath=`.spec.batch`
// +kubebuilder:printcolumn:name="Section",type=string,JSONPath=`.status.section`
// +kubebuilder:printcolumn:name="Representative",type=string,JSONPath=`.spec.chiefRepresentative.name`
// +kubebuilder:printcolumn:name="Windows",type=integer,JSONPath=`.status.windows`
// +kubebuilder:printcolumn:name="Relocated",type=string,JSONPath=`.status.relocation`
// +kubebuilder:printcolumn:name="%",type=integer,JSONPath=`.status.relocationPercent`
// +kubebuilder:printcolumn:name="Rollout",type=string,JSONPath=`.status.rollout[0].verdict`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Management",type=string,JSONPath=`.spec.management`,priority=1
// +kubebuilder:printcolumn:name="Sections",type=integer,JSONPath=`.status.sections`,priority=1
// +kubebuilder:printcolumn:name="Items",type=integer,JSONPath=`.status.itemsTotal`,priority=1
// +kubebuilder:printcolumn:name="Open",type=integer,JSONPath=`.status.cases.open`,priority=1
// +kubebuilder:printcolumn:name="Overdue",type=integer,JSONPath=`.status.cases.overdue`,priority=1
// +kubebuilder:printcolumn:name="Timeout Consent",type=integer,JSONPath=`.status.cases.timeoutConsent`,priority=1
// +kubebuilder:printcolumn:name="Staff",type=integer,JSONPath=`.status.staff`,priority=1
// +kubebuilder:printcolumn:name="Temporary",type=integer,JSONPath=`.status.temporaryStaff`,priority=1
// +kubebuilder:printcolumn:name="Uncertified",type=integer,JSONPath=`.status.uncertifiedStaff`,priority=1
// +kubebuilder:printcolumn:name="Leader",type=string,JSONPath=`.spec.leaderInCharge.name`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type Department struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec DepartmentSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status DepartmentStatus `json:"status,omitempty"`
}

// DepartmentList is a list of Departments.
// +kubebuilder:object:root=true
type DepartmentList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Department `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Department{}, &DepartmentList{})
}

// GetConditions returns the status conditions.
func (d *Department) GetConditions() []metav1.Condition { return d.Status.Conditions }

// SetConditions replaces the status conditions.
func (d *Department) SetConditions(conditions []metav1.Condition) { d.Status.Conditions = conditions }
