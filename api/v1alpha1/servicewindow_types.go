package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// WindowMode tells whether a window is staffed every working day.
// +kubebuilder:validation:Enum=Permanent;Temporary
type WindowMode string

const (
	// WindowPermanent is staffed every working day from its section's roster.
	WindowPermanent WindowMode = "Permanent"
	// WindowTemporary is attended on a schedule: seven batch-2 departments keep one.
	WindowTemporary WindowMode = "Temporary"
)

// ServiceWindowSpec declares a service window: one counter in a center, where applicants
// meet a department.
type ServiceWindowSpec struct {
	// center names the ServiceCenter, in this namespace, that houses the window.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.center must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Center string `json:"center"`

	// department names the Department, in this namespace, whose window it is.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.department must be the metadata.name of a Department: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Department string `json:"department"`

	// section names the ApprovalSection that staffs the window; empty while the department
	// has none (it then staffs the window through its chief representative).
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.section must be the metadata.name of a ApprovalSection: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Section string `json:"section,omitempty"`

	// number is the counter's number or label in the hall, e.g. "A12".
	// +optional
	// +kubebuilder:validation:MaxLength=16
	Number string `json:"number,omitempty"`

	// mode is Permanent or Temporary.
	// +required
	Mode WindowMode `json:"mode"`

	// attendance is when a temporary window is staffed.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=14
	Attendance []AttendanceSlot `json:"attendance,omitempty"`

	// head is the window's head (窗口负责人): in principle a reserve cadre of the department;
	// for a vertical unit without a section, at least a section-level cadre.
	// +optional
	Head *Person `json:"head,omitempty"`

	// staff are the people who work at the window. On a window with a section, each must be
	// on the section's roster.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=50
	Staff []Person `json:"staff,omitempty"`
}

// AttendanceSlot is one weekly period a temporary window is staffed.
// +kubebuilder:validation:XValidation:rule="!self.from.matches('^[0-9]{2}:[0-9]{2}$') || !self.to.matches('^[0-9]{2}:[0-9]{2}$') || self.from < self.to",message="an attendance slot ends after it starts: spec.attendance[].to must be later than from"
type AttendanceSlot struct {
	// weekday is the day of the week.
	// +required
	// +kubebuilder:validation:Enum=Monday;Tuesday;Wednesday;Thursday;Friday;Saturday;Sunday
	Weekday string `json:"weekday"`

	// from is the local time the window opens, HH:MM.
	// +required
	// +kubebuilder:validation:Pattern=`^([01][0-9]|2[0-3]):[0-5][0-9]$`
	// +kubebuilder:validation:MaxLength=5
	From string `json:"from"`

	// to is the local time the window closes, HH:MM.
	// +required
	// +kubebuilder:validation:Pattern=`^([01][0-9]|2[0-3]):[0-5][0-9]$`
	// +kubebuilder:validation:MaxLength=5
	To string `json:"to"`
}

// ServiceWindowStatus is what onestop found about a window.
type ServiceWindowStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// staffed is true when at least one person works at the window.
	// +optional
	Staffed bool `json:"staffed"`

	// conditions: Ready summarises; anomalies (Unstaffed, HeadMissing, ScheduleMissing,
	// StaffNotInRoster, TemporaryStaff, UncertifiedStaff) are present only while they hold;
	// Reconciling while the center, department or section does not exist.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// ServiceWindow is one counter in a service center.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=win,categories=onestop
// +kubebuilder:printcolumn:name="Center",type=string,JSONPath=`.spec.center`
// +kubebuilder:printcolumn:name="Department",type=string,JSONPath=`.spec.department`
// +kubebuilder:printcolumn:name="Mode",type=string,JSONPath=`.spec.mode`
// +kubebuilder:printcolumn:name="Head",type=string,JSONPath=`.spec.head.name`
// +kubebuilder:printcolumn:name="Staffed",type=boolean,JSONPath=`.status.staffed`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Number",type=string,JSONPath=`.spec.number`,priority=1
// +kubebuilder:printcolumn:name="Section",type=string,JSONPath=`.spec.section`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ServiceWindow struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ServiceWindowSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status ServiceWindowStatus `json:"status,omitempty"`
}

// ServiceWindowList is a list of ServiceWindows.
// +kubebuilder:object:root=true
type ServiceWindowList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServiceWindow `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ServiceWindow{}, &ServiceWindowList{})
}

// GetConditions returns the status conditions.
func (w *ServiceWindow) GetConditions() []metav1.Condition { return w.Status.Conditions }

// SetConditions replaces the status conditions.
func (w *ServiceWindow) SetConditions(conditions []metav1.Condition) {
	w.Status.Conditions = conditions
}
