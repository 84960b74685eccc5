package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// IntakeChannel is where an application was handed in.
// +kubebuilder:validation:Enum=Window;DepartmentOffice;Other
type IntakeChannel string

const (
	// IntakeWindow: at a window of a service center, the one door (一门受理).
	IntakeWindow IntakeChannel = "Window"
	// IntakeDepartmentOffice: at the department's own office, outside the Center: out-of-system
	// circulation (体外循环).
	IntakeDepartmentOffice IntakeChannel = "DepartmentOffice"
	// IntakeOther: any other channel outside the Center.
	IntakeOther IntakeChannel = "Other"
)

// DecisionResult is what a decider decided.
// +kubebuilder:validation:Enum=Approve;Reject
type DecisionResult string

const (
	DecisionApprove DecisionResult = "Approve"
	DecisionReject  DecisionResult = "Reject"
)

// OpinionResult is a co-approving department's answer.
// +kubebuilder:validation:Enum=Agree;Disagree
type OpinionResult string

const (
	OpinionAgree    OpinionResult = "Agree"
	OpinionDisagree OpinionResult = "Disagree"
)

// ApprovalCaseSpec records what people did with one application. Every recorded act is
// history: once written it cannot be changed or removed (the API server rejects it).
// +kubebuilder:validation:XValidation:rule="!has(self.review) || !has(self.approval) || self.review.by != self.approval.by",message="one review, one approval (一审一核): spec.approval.by must be a different person from spec.review.by"
// +kubebuilder:validation:XValidation:rule="!has(self.correctionNotice) || self.correctionNotice.at >= self.receivedAt",message="spec.correctionNotice.at is before spec.receivedAt: a notice follows the application"
// +kubebuilder:validation:XValidation:rule="!has(self.materialsCompletedAt) || has(self.correctionNotice)",message="spec.materialsCompletedAt answers a correction notice: record spec.correctionNotice first"
// +kubebuilder:validation:XValidation:rule="self.item == oldSelf.item && self.receivedAt == oldSelf.receivedAt && self.intake == oldSelf.intake",message="spec.item, spec.receivedAt and spec.intake are recorded at intake and cannot change"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.correctionNotice) || (has(self.correctionNotice) && self.correctionNotice == oldSelf.correctionNotice)",message="the one correction notice (一次告知) is recorded and cannot be changed or removed; a second notice is not allowed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.materialsCompletedAt) || (has(self.materialsCompletedAt) && self.materialsCompletedAt == oldSelf.materialsCompletedAt)",message="spec.materialsCompletedAt is recorded and cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.acceptance) || (has(self.acceptance) && self.acceptance == oldSelf.acceptance)",message="spec.acceptance is recorded and cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.review) || (has(self.review) && self.review == oldSelf.review)",message="spec.review is recorded and cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.approval) || (has(self.approval) && self.approval == oldSelf.approval)",message="a decision, once made, is final: spec.approval cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.extension) || (has(self.extension) && self.extension == oldSelf.extension)",message="the one extension is recorded and cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.withdrawal) || (has(self.withdrawal) && self.withdrawal == oldSelf.withdrawal)",message="spec.withdrawal is recorded and cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.coApprovals) || (has(self.coApprovals) && oldSelf.coApprovals.all(o, self.coApprovals.exists(n, n == o)))",message="a co-approving department's opinion is recorded and cannot be changed or removed"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.clockStops) || (has(self.clockStops) && oldSelf.clockStops.all(o, self.clockStops.exists(n, n.reason == o.reason && n.from == o.from && (!has(o.to) || (has(n.to) && n.to == o.to)))))",message="a recorded clock stop cannot be changed or removed; only its end (to) may be added"
type ApprovalCaseSpec struct {
	// item names the ApprovalItem, in this namespace, applied for.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.item must be the metadata.name of an ApprovalItem"
	Item string `json:"item"`

	// applicant is who applied.
	// +required
	Applicant Applicant `json:"applicant"`

	// receivedAt is when the application was handed in.
	// +required
	ReceivedAt metav1.Time `json:"receivedAt"`

	// intake is where and by whom it was received.
	// +required
	Intake Intake `json:"intake"`

	// materialsSubmitted names the materials handed in with the application, as the item's
	// requiredMaterials name them.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=50
	// +kubebuilder:validation:items:MaxLength=128
	MaterialsSubmitted []string `json:"materialsSubmitted,omitempty"`

	// correctionNotice is the one notice (一次告知) listing every missing material. Art. 32:
	// on the spot or within 5 working days, or the application counts as accepted on receipt.
	// +optional
	CorrectionNotice *CorrectionNotice `json:"correctionNotice,omitempty"`

	// materialsCompletedAt is when the applicant handed in what the notice listed.
	// +optional
	MaterialsCompletedAt *metav1.Time `json:"materialsCompletedAt,omitempty"`

	// acceptance records the formal acceptance (受理).
	// +optional
	Acceptance *Act `json:"acceptance,omitempty"`

	// review is the first of two people's acts under review-then-approve (一审).
	// +optional
	Review *Opinion `json:"review,omitempty"`

	// approval is the decision (一核): approve or reject, by a person.
	// +optional
	Approval *Decision `json:"approval,omitempty"`

	// coApprovals are the co-approving departments' opinions (并联审批).
	// +optional
	// +listType=map
	// +listMapKey=department
	// +kubebuilder:validation:MaxItems=10
	CoApprovals []CoApproval `json:"coApprovals,omitempty"`

	// extension is the one extension, within the item's allowance (Art. 42).
	// +optional
	Extension *CaseExtension `json:"extension,omitempty"`

	// clockStops are hearings, testing, inspection or expert review, which do not count
	// toward the limit (Art. 45).
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=10
	ClockStops []ClockStop `json:"clockStops,omitempty"`

	// withdrawal records that the applicant withdrew the application.
	// +optional
	Withdrawal *Withdrawal `json:"withdrawal,omitempty"`
}

// Applicant is who applied.
type Applicant struct {
	// name is the person's or organisation's name.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	Name string `json:"name"`

	// contact is a telephone number or address.
	// +optional
	// +kubebuilder:validation:MaxLength=128
	Contact string `json:"contact,omitempty"`
}

// Intake is where and by whom an application was received.
// +kubebuilder:validation:XValidation:rule="self.channel != 'Window' || (has(self.center) && has(self.window))",message="an application received at a window names spec.intake.center and spec.intake.window"
type Intake struct {
	// channel is Window, DepartmentOffice or Other.
	// +required
	Channel IntakeChannel `json:"channel"`

	// center names the ServiceCenter that received it.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	Center string `json:"center,omitempty"`

	// window names the ServiceWindow that received it.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	Window string `json:"window,omitempty"`

	// receivedBy is the user name of the staff member who received it.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	ReceivedBy string `json:"receivedBy,omitempty"`
}

// CorrectionNotice is the one notice of missing materials.
type CorrectionNotice struct {
	// at is when the notice was given.
	// +required
	At metav1.Time `json:"at"`

	// by is the user name of who gave it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	By string `json:"by"`

	// missing lists every missing material; the notice is the only one.
	// +required
	// +listType=set
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=50
	// +kubebuilder:validation:items:MaxLength=128
	Missing []string `json:"missing"`
}

// Act is a recorded act: who and when.
type Act struct {
	// at is when.
	// +required
	At metav1.Time `json:"at"`

	// by is the user name of who acted.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	By string `json:"by"`
}

// Opinion is a reviewer's recorded opinion.
type Opinion struct {
	// at is when.
	// +required
	At metav1.Time `json:"at"`

	// by is the user name of the reviewer.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	By string `json:"by"`

	// opinion is the reviewer's opinion in words.
	// +optional
	// +kubebuilder:validation:MaxLength=1024
	Opinion string `json:"opinion,omitempty"`
}

// Decision is a person's decision on a case.
// +kubebuilder:validation:XValidation:rule="self.result != 'Reject' || (has(self.reason) && self.reason.size() > 0)",message="a rejection gives its reason: set spec.approval.reason"
type Decision struct {
	// at is when.
	// +required
	At metav1.Time `json:"at"`

	// by is the user name of the decider.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	By string `json:"by"`

	// result is Approve or Reject.
	// +required
	Result DecisionResult `json:"result"`

	// reason explains the decision; required for a rejection.
	// +optional
	// +kubebuilder:validation:MaxLength=1024
	Reason string `json:"reason,omitempty"`
}

// CoApproval is one co-approving department's opinion.
// +kubebuilder:validation:XValidation:rule="self.result != 'Disagree' || (has(self.reason) && self.reason.size() > 0)",message="a co-approver who disagrees gives the reason: set spec.coApprovals[].reason"
type CoApproval struct {
	// department names the co-approving Department.
	// +required
	// +kubebuilder:validation:MaxLength=253
	Department string `json:"department"`

	// at is when.
	// +required
	At metav1.Time `json:"at"`

	// by is the user name of who answered for the department.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	By string `json:"by"`

	// result is Agree or Disagree.
	// +required
	Result OpinionResult `json:"result"`

	// reason explains the opinion; required to disagree.
	// +optional
	// +kubebuilder:validation:MaxLength=1024
	Reason string `json:"reason,omitempty"`
}

// CaseExtension is the one extension of a case's limit.
type CaseExtension struct {
	// approvedBy is the user name of the agency head who approved it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	ApprovedBy string `json:"approvedBy"`

	// at is when it was approved.
	// +required
	At metav1.Time `json:"at"`

	// reason is told to the applicant.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=1024
	Reason string `json:"reason"`

	// days is the extension in working days, within the item's allowance.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=60
	Days int32 `json:"days"`
}

// ClockStop is a period that does not count toward the limit.
// +kubebuilder:validation:XValidation:rule="!has(self.to) || self.to >= self.from",message="a clock stop ends after it starts: spec.clockStops[].to must not be before from"
type ClockStop struct {
	// reason is Hearing, Testing, Inspection or ExpertReview.
	// +required
	// +kubebuilder:validation:Enum=Hearing;Testing;Inspection;ExpertReview
	Reason string `json:"reason"`

	// from is when the stop began; the applicant is told in writing.
	// +required
	From metav1.Time `json:"from"`

	// to is when it ended; empty while it lasts.
	// +optional
	To *metav1.Time `json:"to,omitempty"`
}

// Withdrawal records that the applicant withdrew.
type Withdrawal struct {
	// at is when.
	// +required
	At metav1.Time `json:"at"`

	// reason is the applicant's reason, if given.
	// +optional
	// +kubebuilder:validation:MaxLength=1024
	Reason string `json:"reason,omitempty"`
}

// CasePhase is where a case stands.
// +kubebuilder:validation:Enum=Received;AwaitingMaterials;Accepted;Reviewed;Decided;Withdrawn
type CasePhase string

const (
	PhaseReceived          CasePhase = "Received"
	PhaseAwaitingMaterials CasePhase = "AwaitingMaterials"
	PhaseAccepted          CasePhase = "Accepted"
	PhaseReviewed          CasePhase = "Reviewed"
	PhaseDecided           CasePhase = "Decided"
	PhaseWithdrawn         CasePhase = "Withdrawn"
)

// Outcome is how a case ended.
// +kubebuilder:validation:Enum=Approved;Rejected;TimeoutConsent;DeemedRefused
type Outcome string

const (
	// OutcomeApproved: a person approved.
	OutcomeApproved Outcome = "Approved"
	// OutcomeRejected: a person rejected.
	OutcomeRejected Outcome = "Rejected"
	// OutcomeTimeoutConsent: nobody decided by the deadline and the item's silence policy is
	// consent (超时默许): approved by law, not by a person.
	OutcomeTimeoutConsent Outcome = "TimeoutConsent"
	// OutcomeDeemedRefused: nobody decided by the deadline and silence means refusal.
	OutcomeDeemedRefused Outcome = "DeemedRefused"
)

// DecidedBy tells how a decision was reached.
// +kubebuilder:validation:Enum=Person;TimeoutConsent;DeemedRefusal
type DecidedBy string

const (
	DecidedByPerson         DecidedBy = "Person"
	DecidedByTimeoutConsent DecidedBy = "TimeoutConsent"
	DecidedByDeemedRefusal  DecidedBy = "DeemedRefusal"
)

// CaseDecision is the outcome onestop recorded.
type CaseDecision struct {
	// outcome is Approved, Rejected, TimeoutConsent or DeemedRefused.
	Outcome Outcome `json:"outcome"`
	// method is Person, TimeoutConsent or DeemedRefusal.
	Method DecidedBy `json:"method"`
	// by is the deciding person's user name; empty when the law decided.
	// +optional
	By string `json:"by,omitempty"`
	// at is when the decision took effect: the person's act, or the deadline.
	At metav1.Time `json:"at"`
}

// CoApprovalStatus is one co-approving department's clock.
type CoApprovalStatus struct {
	// department names the co-approver.
	Department string `json:"department"`
	// deadline is when its limit ends.
	// +optional
	Deadline *metav1.Time `json:"deadline,omitempty"`
	// answer is Agree, Disagree or TimeoutConsent; empty while it may still answer.
	// +optional
	Answer string `json:"answer,omitempty"`
}

// CaseFigures count cases, for an item or a department.
type CaseFigures struct {
	// open counts cases not yet decided or withdrawn.
	// +optional
	Open int32 `json:"open,omitempty"`
	// decided counts decided cases, however decided.
	// +optional
	Decided int32 `json:"decided,omitempty"`
	// onTime counts cases a person decided by their deadline.
	// +optional
	OnTime int32 `json:"onTime,omitempty"`
	// overdue counts open cases past their deadline and cases decided late.
	// +optional
	Overdue int32 `json:"overdue,omitempty"`
	// timeoutConsent counts cases decided by timeout consent.
	// +optional
	TimeoutConsent int32 `json:"timeoutConsent,omitempty"`
	// deemedRefused counts cases deemed refused.
	// +optional
	DeemedRefused int32 `json:"deemedRefused,omitempty"`
}

// ApprovalCaseStatus is what onestop computed for a case.
type ApprovalCaseStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// phase is where the case stands.
	// +optional
	Phase CasePhase `json:"phase,omitempty"`

	// department is the item's lead department, copied for queues and indexes.
	// +optional
	Department string `json:"department,omitempty"`

	// noticeDeadline is the last moment for the one correction notice (5 working days).
	// +optional
	NoticeDeadline *metav1.Time `json:"noticeDeadline,omitempty"`

	// acceptedAt is when the case counts as accepted: the recorded acceptance, the
	// completion of the materials, or (deemed) the receipt itself.
	// +optional
	AcceptedAt *metav1.Time `json:"acceptedAt,omitempty"`

	// onTheSpotDeadline is the close of the day of receipt, for category 1 and 2 items.
	// +optional
	OnTheSpotDeadline *metav1.Time `json:"onTheSpotDeadline,omitempty"`

	// decisionDeadline is when the decision is due: the promised limit from acceptance,
	// plus the extension and the clock stops.
	// +optional
	DecisionDeadline *metav1.Time `json:"decisionDeadline,omitempty"`

	// due is decisionDeadline in the jurisdiction's own time, e.g. "2009-01-22 17:30 CST",
	// for kubectl.
	// +optional
	Due string `json:"due,omitempty"`

	// coApprovals are the co-approving departments' clocks.
	// +optional
	// +listType=map
	// +listMapKey=department
	CoApprovals []CoApprovalStatus `json:"coApprovals,omitempty"`

	// decision is how the case ended; written once.
	// +optional
	Decision *CaseDecision `json:"decision,omitempty"`

	// liableDepartments are the departments whose silence decided part of the case.
	// +optional
	// +listType=set
	LiableDepartments []string `json:"liableDepartments,omitempty"`

	// onTime tells whether the decision came by its deadline.
	// +optional
	OnTime *bool `json:"onTime,omitempty"`

	// conditions: Ready summarises; DeemedAccepted, OnTheSpotMissed, SegregationViolated,
	// UnauthorizedDecider, DecidedByTimeoutConsent, DeemedRefused, DeadlineExceeded,
	// OutOfSystem and CalendarDataMissing are present only while they hold.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// ApprovalCase is one application for an approval item.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=case,categories=onestop
// +kubebuilder:printcolumn:name="Item",type=string,JSONPath=`.spec.item`
// +kubebuilder:printcolumn:name="Phase",type=string,JSONPath=`.status.phase`
// +kubebuilder:printcolumn:name="Deadline",type=string,JSONPath=`.status.due`
// +kubebuilder:printcolumn:name="Outcome",type=string,JSONPath=`.status.decision.outcome`
// +kubebuilder:printcolumn:name="Decided By",type=string,JSONPath=`.status.decision.method`
// +kubebuilder:printcolumn:name="Decider",type=string,JSONPath=`.status.decision.by`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`,priority=1
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:printcolumn:name="Department",type=string,JSONPath=`.status.department`,priority=1
// +kubebuilder:printcolumn:name="Received",type=string,JSONPath=`.spec.receivedAt`,priority=1
// +kubebuilder:printcolumn:name="Applicant",type=string,JSONPath=`.spec.applicant.name`,priority=1
// +kubebuilder:validation:XValidation:rule="!has(self.status) || !has(self.status.decision) || self.status.decision.method == 'Person' || !has(self.spec.approval) || (has(oldSelf.spec.approval) && oldSelf.spec.approval == self.spec.approval)",message="this case was already decided by law (timeout consent or deemed refusal) when its deadline passed; a later decision cannot be recorded: spec.approval is refused"
type ApprovalCase struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ApprovalCaseSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status ApprovalCaseStatus `json:"status,omitempty"`
}

// ApprovalCaseList is a list of ApprovalCases.
// +kubebuilder:object:root=true
type ApprovalCaseList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ApprovalCase `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ApprovalCase{}, &ApprovalCaseList{})
}

// GetConditions returns the status conditions.
func (c *ApprovalCase) GetConditions() []metav1.Condition { return c.Status.Conditions }

// SetConditions replaces the status conditions.
func (c *ApprovalCase) SetConditions(conditions []metav1.Condition) {
	c.Status.Conditions = conditions
}
