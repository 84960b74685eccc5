package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ServiceCenterSpec declares a service center: the county's administrative service center
// (行政服务中心) or one of its sub-centers (分中心).
// +kubebuilder:validation:XValidation:rule="!has(self.parent) || has(self.hostDepartment)",message="a sub-center (spec.parent is set) must name spec.hostDepartment, the department that runs its site"
type ServiceCenterSpec struct {
	// displayName is the center's name as applicants know it, e.g. "县行政服务中心".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	DisplayName string `json:"displayName"`

	// parent names the ServiceCenter, in the same namespace, that this sub-center belongs to.
	// Empty for the Center itself.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.parent must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Parent string `json:"parent,omitempty"`

	// hostDepartment names the Department, in the same namespace, that runs a sub-center's
	// site (for example the traffic-police brigade of the Public Security bureau).
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.hostDepartment must be the metadata.name of a Department: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	HostDepartment string `json:"hostDepartment,omitempty"`

	// capacityWindows is how many service windows the site has room for. The reform's
	// second batch waits because the Center is full, so this is a hard limit.
	// +required
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=10000
	CapacityWindows int32 `json:"capacityWindows"`

	// calendar names the cluster-scoped WorkCalendar whose working days count every deadline
	// of the cases this center receives.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	Calendar string `json:"calendar"`
}

// ServiceCenterStatus reports what onestop observed about a service center.
type ServiceCenterStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// subCenters counts the ServiceCenters that name this one as their parent.
	// +optional
	SubCenters int32 `json:"subCenters,omitempty"`

	// windowsUsed counts the ServiceWindows in this center.
	// +optional
	WindowsUsed int32 `json:"windowsUsed"`

	// departmentsResident counts the departments with at least one window in this center.
	// +optional
	DepartmentsResident int32 `json:"departmentsResident"`

	// conditions: Ready summarises; OverCapacity while more windows are declared than the
	// site holds; Reconciling while the parent or host department does not exist.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=16
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// ServiceCenter is the county's administrative service center or a sub-center: the one
// place where applicants meet every department. Its short name is "center": "sc" belongs to
// StorageClass.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=center,categories=onestop
// +kubebuilder:printcolumn:name="Display Name",type=string,JSONPath=`.spec.displayName`
// +kubebuilder:printcolumn:name="Parent",type=string,JSONPath=`.spec.parent`
// +kubebuilder:printcolumn:name="Windows",type=integer,JSONPath=`.status.windowsUsed`
// +kubebuilder:printcolumn:name="Capacity",type=integer,JSONPath=`.spec.capacityWindows`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:printcolumn:name="Calendar",type=string,JSONPath=`.spec.calendar`,priority=1
// +kubebuilder:printcolumn:name="Sub-centers",type=integer,JSONPath=`.status.subCenters`,priority=1
// +kubebuilder:printcolumn:name="Departments",type=integer,JSONPath=`.status.departmentsResident`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="!has(self.spec.parent) || self.spec.parent != self.metadata.name",message="spec.parent names this ServiceCenter itself; a sub-center's parent must be another center"
type ServiceCenter struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ServiceCenterSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status ServiceCenterStatus `json:"status,omitempty"`
}

// ServiceCenterList is a list of ServiceCenters.
// +kubebuilder:object:root=true
type ServiceCenterList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServiceCenter `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ServiceCenter{}, &ServiceCenterList{})
}

// GetConditions returns the status conditions, for helpers shared by every kind.
func (c *ServiceCenter) GetConditions() []metav1.Condition { return c.Status.Conditions }

// SetConditions replaces the status conditions.
func (c *ServiceCenter) SetConditions(conditions []metav1.Condition) {
	c.Status.Conditions = conditions
}
