package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// SectionForm is how an approval-service section is set up.
// +kubebuilder:validation:Enum=Dedicated;AddedSign
type SectionForm string

const (
	// SectionFormDedicated: a new section, formed by merging or abolishing old ones.
	SectionFormDedicated SectionForm = "Dedicated"
	// SectionFormAddedSign: an existing section takes on the approval work and hangs the sign
	// "approval-service section" beside its own (加挂牌子).
	SectionFormAddedSign SectionForm = "AddedSign"
)

// ApprovalSectionSpec declares a department's approval-service section (审批服务科): the one
// section that holds all of the department's approval work and moves into the Center.
// +kubebuilder:validation:XValidation:rule="self.form != 'AddedSign' || has(self.hostSection)",message="a section in the form AddedSign hangs its sign on an existing section: name it in spec.hostSection"
// +kubebuilder:validation:XValidation:rule="self.form != 'Dedicated' || !has(self.hostSection)",message="a Dedicated section has no host section: remove spec.hostSection, or set spec.form to AddedSign"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.staffingPlan) || !has(oldSelf.staffingPlan.centerReview) || (has(self.staffingPlan) && has(self.staffingPlan.centerReview) && self.staffingPlan.centerReview == oldSelf.staffingPlan.centerReview)",message="the Center's review of the staffing plan is recorded and cannot be changed or removed: spec.staffingPlan.centerReview is history"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.staffingPlan) || !has(oldSelf.staffingPlan.establishmentOfficeApproval) || (has(self.staffingPlan) && has(self.staffingPlan.establishmentOfficeApproval) && self.staffingPlan.establishmentOfficeApproval == oldSelf.staffingPlan.establishmentOfficeApproval)",message="the establishment office's approval of the staffing plan is recorded and cannot be changed or removed: spec.staffingPlan.establishmentOfficeApproval is history"
type ApprovalSectionSpec struct {
	// department names the Department, in this namespace, the section belongs to.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.department must be the metadata.name of a Department: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Department string `json:"department"`

	// displayName is the section's name, e.g. "行政审批服务科".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	DisplayName string `json:"displayName"`

	// form is Dedicated or AddedSign.
	// +required
	Form SectionForm `json:"form"`

	// hostSection is the existing section that carries the added sign, e.g. "规划股".
	// +optional
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	HostSection string `json:"hostSection,omitempty"`

	// head is the section's head (科长).
	// +optional
	Head *Person `json:"head,omitempty"`

	// roster is everyone the section sends to the Center. Only formal staff with a valid
	// law-enforcement certificate may be on it.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=100
	Roster []Person `json:"roster,omitempty"`

	// authorization says whether the department has given the section full authority over
	// its approvals. The reform requires it, and the department's other sections stop
	// approving.
	// +optional
	Authorization SectionAuthorization `json:"authorization,omitempty"`

	// staffingPlan is the section's "three determinations" (三定方案) change: functions,
	// structure and headcount, reviewed by the Center and then approved by the county
	// establishment office, in that order.
	// +optional
	StaffingPlan StaffingPlan `json:"staffingPlan,omitempty"`
}

// SectionAuthorization records the section's authority over its department's approvals.
type SectionAuthorization struct {
	// full is true once the department has delegated every approval to the section.
	// +optional
	Full bool `json:"full,omitempty"`

	// decision is the document that delegated it, e.g. "建发〔2008〕12号".
	// +optional
	// +kubebuilder:validation:MaxLength=128
	Decision string `json:"decision,omitempty"`

	// otherApprovingSections names the department's other sections that still approve items;
	// the reform wants none.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=20
	// +kubebuilder:validation:items:MaxLength=128
	OtherApprovingSections []string `json:"otherApprovingSections,omitempty"`
}

// StaffingPlan is the section's "three determinations" change and its two approvals.
// +kubebuilder:validation:XValidation:rule="!has(self.establishmentOfficeApproval) || has(self.centerReview)",message="the establishment office approves a staffing plan only after the Center reviewed it: record spec.staffingPlan.centerReview first"
// +kubebuilder:validation:XValidation:rule="!has(self.establishmentOfficeApproval) || !has(self.centerReview) || self.establishmentOfficeApproval.date >= self.centerReview.date",message="spec.staffingPlan.establishmentOfficeApproval.date is before centerReview.date; the Center reviews first, then the establishment office approves"
type StaffingPlan struct {
	// headcount is the number of posts the plan gives the section.
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1000
	Headcount int32 `json:"headcount,omitempty"`

	// centerReview is the Center's review of the plan.
	// +optional
	CenterReview *PlanStep `json:"centerReview,omitempty"`

	// establishmentOfficeApproval is the county establishment office's (编委办) approval.
	// +optional
	EstablishmentOfficeApproval *PlanStep `json:"establishmentOfficeApproval,omitempty"`
}

// PlanStep is one recorded step of a staffing plan.
type PlanStep struct {
	// date is the day of the step, YYYY-MM-DD.
	// +required
	// +kubebuilder:validation:Format=date
	Date string `json:"date"`

	// by is who signed it.
	// +optional
	// +kubebuilder:validation:MaxLength=64
	By string `json:"by,omitempty"`

	// reference is the document's number.
	// +optional
	// +kubebuilder:validation:MaxLength=128
	Reference string `json:"reference,omitempty"`
}

// ApprovalSectionStatus is what onestop found about a section.
type ApprovalSectionStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// staff counts the people on the roster.
	// +optional
	Staff int32 `json:"staff"`

	// windows counts the service windows this section staffs.
	// +optional
	Windows int32 `json:"windows"`

	// conditions: Ready summarises; anomalies (TemporaryStaff, UncertifiedStaff, HeadMissing,
	// NotFullyAuthorized, StaffingPlanPending) are present only while they hold; Reconciling
	// while the department does not exist.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// ApprovalSection is a department's approval-service section.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=asec,categories=onestop
// +kubebuilder:printcolumn:name="Department",type=string,JSONPath=`.spec.department`
// +kubebuilder:printcolumn:name="Form",type=string,JSONPath=`.spec.form`
// +kubebuilder:printcolumn:name="Head",type=string,JSONPath=`.spec.head.name`
// +kubebuilder:printcolumn:name="Staff",type=integer,JSONPath=`.status.staff`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Host Section",type=string,JSONPath=`.spec.hostSection`,priority=1
// +kubebuilder:printcolumn:name="Windows",type=integer,JSONPath=`.status.windows`,priority=1
// +kubebuilder:printcolumn:name="Plan Approved",type=string,JSONPath=`.spec.staffingPlan.establishmentOfficeApproval.date`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ApprovalSection struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ApprovalSectionSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status ApprovalSectionStatus `json:"status,omitempty"`
}

// ApprovalSectionList is a list of ApprovalSections.
// +kubebuilder:object:root=true
type ApprovalSectionList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ApprovalSection `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ApprovalSection{}, &ApprovalSectionList{})
}

// GetConditions returns the status conditions.
func (s *ApprovalSection) GetConditions() []metav1.Condition { return s.Status.Conditions }

// SetConditions replaces the status conditions.
func (s *ApprovalSection) SetConditions(conditions []metav1.Condition) {
	s.Status.Conditions = conditions
}
