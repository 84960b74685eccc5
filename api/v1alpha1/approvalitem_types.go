package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ApprovalType tells whether an item is an administrative licence under the Administrative
// Licensing Law or another approval.
// +kubebuilder:validation:Enum=Licensing;NonLicensing
type ApprovalType string

const (
	ApprovalLicensing    ApprovalType = "Licensing"
	ApprovalNonLicensing ApprovalType = "NonLicensing"
)

// ReviewMode tells how many people decide a case of the item.
// +kubebuilder:validation:Enum=Single;ReviewThenApprove
type ReviewMode string

const (
	// ReviewSingle: one person decides.
	ReviewSingle ReviewMode = "Single"
	// ReviewThenApprove: one person reviews and another approves (一审一核).
	ReviewThenApprove ReviewMode = "ReviewThenApprove"
)

// SilencePolicy is what silence past the deadline means for an item.
// +kubebuilder:validation:Enum=Consent;Refusal;None
type SilencePolicy string

const (
	// SilenceConsent: silence past the deadline is consent (超时默许).
	SilenceConsent SilencePolicy = "Consent"
	// SilenceRefusal: silence past the deadline is a refusal.
	SilenceRefusal SilencePolicy = "Refusal"
	// SilenceNone: silence decides nothing; the case is flagged DeadlineExceeded.
	SilenceNone SilencePolicy = "None"
)

// LifecycleState is where an item stands in the catalog.
// +kubebuilder:validation:Enum=Active;Suspended;Abolished
type LifecycleState string

const (
	LifecycleActive    LifecycleState = "Active"
	LifecycleSuspended LifecycleState = "Suspended"
	// LifecycleAbolished items are out of every count.
	LifecycleAbolished LifecycleState = "Abolished"
)

// ApprovalItemSpec declares one entry of the county's approval-item catalog.
// +kubebuilder:validation:XValidation:rule="self.promisedLimitDays <= self.statutoryLimitDays",message="spec.promisedLimitDays must not exceed spec.statutoryLimitDays: the Center may promise to decide sooner than the law allows, never later"
// +kubebuilder:validation:XValidation:rule="!has(self.extension) || !self.extension.allowed || (has(self.extension.days) && self.extension.days > 0)",message="an allowed extension needs its length: set spec.extension.days (the law allows 10 working days)"
// +kubebuilder:validation:XValidation:rule="!has(self.extension) || self.extension.allowed || !has(self.extension.days) || self.extension.days == 0",message="spec.extension.days is set but spec.extension.allowed is false: allow the extension or remove its days"
// +kubebuilder:validation:XValidation:rule="self.relocation.mode != 'Exempt' || (has(self.relocation.exemptReason) && self.relocation.exemptReason.size() > 0)",message="an item exempt from relocation needs the reason: set spec.relocation.exemptReason"
// +kubebuilder:validation:XValidation:rule="self.relocation.mode != 'Required' || has(self.center)",message="an item that must relocate needs the center or sub-center that handles it: set spec.center"
// +kubebuilder:validation:XValidation:rule="!has(self.coApprovers) || self.coApprovers.all(c, c.department != self.department)",message="the lead department cannot co-approve its own item: remove it from spec.coApprovers"
// +kubebuilder:validation:XValidation:rule="!has(self.coApprovers) || self.coApprovers.all(c, c.limitDays <= self.statutoryLimitDays)",message="a co-approver's limitDays must not exceed the item's statutoryLimitDays: parallel approval runs inside the item's own limit"
// +kubebuilder:validation:XValidation:rule="self.category != 3 || self.promisedLimitDays > 0",message="a category 3 item has a promised deadline: set spec.promisedLimitDays above 0"
type ApprovalItemSpec struct {
	// code is the item's code in the county catalog, unique in the namespace, e.g. "JS-003".
	// +required
	// +kubebuilder:validation:Pattern=`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`
	// +kubebuilder:validation:MaxLength=32
	Code string `json:"code"`

	// displayName is the item's name, e.g. "建筑工程施工许可".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName"`

	// department names the Department, in this namespace, that decides the item (the lead
	// department in parallel approval).
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.department must be the metadata.name of a Department: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Department string `json:"department"`

	// approvalType is Licensing (行政许可) or NonLicensing (非行政许可审批).
	// +required
	ApprovalType ApprovalType `json:"approvalType"`

	// category: 1 and 2 are decided on the spot, the day the application arrives (即来即办);
	// 3 has a promised deadline and a leader in charge who answers for it.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=3
	Category int32 `json:"category"`

	// statutoryLimitDays is the limit the law sets, in working days (20 under Art. 42 of the
	// Administrative Licensing Law unless a statute says otherwise).
	// +required
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=365
	StatutoryLimitDays int32 `json:"statutoryLimitDays"`

	// promisedLimitDays is the Center's promise, in working days, never more than the
	// statutory limit. 0 for on-the-spot items.
	// +required
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=365
	PromisedLimitDays int32 `json:"promisedLimitDays"`

	// extension is the one extension the item allows (Art. 42: 10 working days, approved by
	// the agency head, with reasons told to the applicant).
	// +optional
	Extension *Extension `json:"extension,omitempty"`

	// relocation says whether the item must be handled in the Center.
	// +required
	Relocation Relocation `json:"relocation"`

	// center names the ServiceCenter or sub-center, in this namespace, that handles the item.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.center must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Center string `json:"center,omitempty"`

	// reviewMode is Single or ReviewThenApprove.
	// +optional
	// +kubebuilder:default=Single
	ReviewMode ReviewMode `json:"reviewMode,omitempty"`

	// coApprovers are the departments that examine each case in parallel (并联审批), each
	// within its own limit.
	// +optional
	// +listType=map
	// +listMapKey=department
	// +kubebuilder:validation:MaxItems=10
	CoApprovers []CoApprover `json:"coApprovers,omitempty"`

	// silencePolicy is what silence past the deadline means: Consent, Refusal or None.
	// +required
	SilencePolicy SilencePolicy `json:"silencePolicy"`

	// requiredMaterials lists what an applicant hands in; the one correction notice lists
	// every one missing.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=50
	RequiredMaterials []Material `json:"requiredMaterials,omitempty"`

	// lifecycle is where the item stands and the decision that put it there.
	// +required
	Lifecycle Lifecycle `json:"lifecycle"`

	// legalBasis cites the law, regulation or document the item rests on.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=512
	LegalBasis string `json:"legalBasis"`
}

// Extension is the one extension an item allows.
type Extension struct {
	// allowed is true when the item may be extended once.
	// +required
	Allowed bool `json:"allowed"`

	// days is the extension's length in working days.
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=60
	Days int32 `json:"days,omitempty"`
}

// RelocationMode tells whether an item must be handled in the Center.
// +kubebuilder:validation:Enum=Required;Exempt
type RelocationMode string

const (
	RelocationRequired RelocationMode = "Required"
	RelocationExempt   RelocationMode = "Exempt"
)

// Relocation says whether an item must move into the Center, or why not.
type Relocation struct {
	// mode is Required or Exempt.
	// +required
	Mode RelocationMode `json:"mode"`

	// exemptReason says why an exempt item stays out of the Center, e.g. "需现场勘验".
	// +optional
	// +kubebuilder:validation:MaxLength=256
	ExemptReason string `json:"exemptReason,omitempty"`
}

// CoApprover is a department examining an item's cases in parallel.
type CoApprover struct {
	// department names the co-approving Department, in this namespace.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	Department string `json:"department"`

	// limitDays is the co-approver's own limit in working days from acceptance. Silent past
	// it, the co-approver is deemed to consent (超时默许) and is recorded as liable.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=365
	LimitDays int32 `json:"limitDays"`
}

// Material is one document an applicant hands in.
type Material struct {
	// name is the material's name, e.g. "营业执照副本".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	Name string `json:"name"`

	// original is true when the original must be shown, not only a copy.
	// +optional
	Original bool `json:"original,omitempty"`
}

// Lifecycle is an item's place in the catalog.
// +kubebuilder:validation:XValidation:rule="self.state == 'Active' || (has(self.decision) && self.decision.size() > 0)",message="a suspended or abolished item needs the decision that changed it: set spec.lifecycle.decision"
type Lifecycle struct {
	// state is Active, Suspended or Abolished.
	// +required
	State LifecycleState `json:"state"`

	// since is the day the state took effect, YYYY-MM-DD.
	// +optional
	// +kubebuilder:validation:Pattern=`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	// +kubebuilder:validation:MaxLength=10
	Since string `json:"since,omitempty"`

	// decision is the document that changed the state, e.g. "县政府令第5号".
	// +optional
	// +kubebuilder:validation:MaxLength=128
	Decision string `json:"decision,omitempty"`
}

// ApprovalItemStatus reports what onestop found about an item.
type ApprovalItemStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// relocated is true when a window of the item's department handles it in its center (or
	// the center is a sub-center the department runs).
	// +optional
	Relocated bool `json:"relocated"`

	// relocatedSince is when onestop first saw the item relocated; empty while it is not.
	// +optional
	RelocatedSince *metav1.Time `json:"relocatedSince,omitempty"`

	// handlingWindow names the window that handles the item, when relocated through one.
	// +optional
	HandlingWindow string `json:"handlingWindow,omitempty"`

	// cases counts the item's cases.
	// +optional
	Cases CaseFigures `json:"cases,omitempty"`

	// conditions: Ready summarises; NotRelocated and CatalogInvalid are present only while
	// they hold.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=16
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// ApprovalItem is one entry of the county's approval-item catalog.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=item,categories=onestop
// +kubebuilder:printcolumn:name="Code",type=string,JSONPath=`.spec.code`
// +kubebuilder:printcolumn:name="Department",type=string,JSONPath=`.spec.department`
// +kubebuilder:printcolumn:name="Category",type=integer,JSONPath=`.spec.category`
// +kubebuilder:printcolumn:name="Statutory",type=integer,JSONPath=`.spec.statutoryLimitDays`
// +kubebuilder:printcolumn:name="Promised",type=integer,JSONPath=`.spec.promisedLimitDays`
// +kubebuilder:printcolumn:name="Relocated",type=boolean,JSONPath=`.status.relocated`
// +kubebuilder:printcolumn:name="State",type=string,JSONPath=`.spec.lifecycle.state`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Open",type=integer,JSONPath=`.status.cases.open`,priority=1
// +kubebuilder:printcolumn:name="Decided",type=integer,JSONPath=`.status.cases.decided`,priority=1
// +kubebuilder:printcolumn:name="Overdue",type=integer,JSONPath=`.status.cases.overdue`,priority=1
// +kubebuilder:printcolumn:name="Timeout Consent",type=integer,JSONPath=`.status.cases.timeoutConsent`,priority=1
// +kubebuilder:printcolumn:name="Name",type=string,JSONPath=`.spec.displayName`,priority=1
// +kubebuilder:printcolumn:name="Type",type=string,JSONPath=`.spec.approvalType`,priority=1
// +kubebuilder:printcolumn:name="Center",type=string,JSONPath=`.spec.center`,priority=1
// +kubebuilder:printcolumn:name="Silence",type=string,JSONPath=`.spec.silencePolicy`,priority=1
// +kubebuilder:printcolumn:name="Review",type=string,JSONPath=`.spec.reviewMode`,priority=1
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type ApprovalItem struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ApprovalItemSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status ApprovalItemStatus `json:"status,omitempty"`
}

// ApprovalItemList is a list of ApprovalItems.
// +kubebuilder:object:root=true
type ApprovalItemList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ApprovalItem `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ApprovalItem{}, &ApprovalItemList{})
}

// GetConditions returns the status conditions.
func (i *ApprovalItem) GetConditions() []metav1.Condition { return i.Status.Conditions }

// SetConditions replaces the status conditions.
func (i *ApprovalItem) SetConditions(conditions []metav1.Condition) {
	i.Status.Conditions = conditions
}
