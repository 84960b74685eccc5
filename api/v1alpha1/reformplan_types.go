package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// RolloutRequirement is something a phase of the plan checks of every department in scope by
// the phase's end.
// +kubebuilder:validation:Enum=ImplementationPlanSubmitted;StaffRegistrationSubmitted;SectionOrRepresentative;ItemsRelocated;WindowsStaffed;InspectionRecorded;InspectionPassed
type RolloutRequirement string

const (
	// RequirementImplementationPlanSubmitted: the department submitted its own implementation
	// plan (Department spec.implementationPlanSubmitted, a date).
	RequirementImplementationPlanSubmitted RolloutRequirement = "ImplementationPlanSubmitted"
	// RequirementStaffRegistrationSubmitted: the department submitted the registration form of
	// the staff it sends to the Center (Department spec.staffRegistrationSubmitted, a date).
	RequirementStaffRegistrationSubmitted RolloutRequirement = "StaffRegistrationSubmitted"
	// RequirementSectionOrRepresentative: the department has an approval-service section, or
	// names a chief representative (Department status.sections, spec.chiefRepresentative).
	RequirementSectionOrRepresentative RolloutRequirement = "SectionOrRepresentative"
	// RequirementItemsRelocated: every item the department must handle in the Center is
	// relocated (Department status.itemsRelocated = itemsRequired).
	RequirementItemsRelocated RolloutRequirement = "ItemsRelocated"
	// RequirementWindowsStaffed: the department has a window, and somebody works at each of its
	// windows (Department status.windows = windowsStaffed, at least 1).
	RequirementWindowsStaffed RolloutRequirement = "WindowsStaffed"
	// RequirementInspectionRecorded: the plan records an inspection of the department
	// (spec.inspections), whatever its result.
	RequirementInspectionRecorded RolloutRequirement = "InspectionRecorded"
	// RequirementInspectionPassed: the plan records an inspection of the department that it
	// passed (Passed or ConditionallyPassed).
	RequirementInspectionPassed RolloutRequirement = "InspectionPassed"
)

// InspectionResult is what an inspection of a department concluded.
// +kubebuilder:validation:Enum=Passed;ConditionallyPassed;Failed
type InspectionResult string

const (
	// InspectionPassedResult: the department met the reform's requirements (合格).
	InspectionPassedResult InspectionResult = "Passed"
	// InspectionConditionallyPassed: it passed, with findings to correct (基本合格).
	InspectionConditionallyPassed InspectionResult = "ConditionallyPassed"
	// InspectionFailed: it did not pass (不合格); a re-inspection is recorded as a new entry.
	InspectionFailed InspectionResult = "Failed"
)

// PhaseState is where a phase stands on the clock.
// +kubebuilder:validation:Enum=Pending;Active;Ended
type PhaseState string

const (
	// PhasePending: the phase has not started.
	PhasePending PhaseState = "Pending"
	// PhaseActive: the phase has started and its end has not passed.
	PhaseActive PhaseState = "Active"
	// PhaseEnded: the phase's due time (close of business of its end date) has passed.
	PhaseEnded PhaseState = "Ended"
)

// Values of status.currentPhase other than a phase's name.
const (
	// CurrentPhaseNotStarted: the first phase has not started.
	CurrentPhaseNotStarted = "NotStarted"
	// CurrentPhaseFinished: every phase has ended.
	CurrentPhaseFinished = "Finished"
)

// ReformPlanSpec declares the reform's rollout: who leads it, which departments it covers, its
// dated phases and what each phase checks, and the inspections of the acceptance phase.
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.inspections) || (has(self.inspections) && oldSelf.inspections.all(o, self.inspections.exists(n, n.department == o.department && n.date == o.date)))",message="a recorded inspection is history and cannot be removed from spec.inspections; record a re-inspection as a new entry with its own date"
type ReformPlanSpec struct {
	// displayName is the plan's title, e.g. "县进一步深化行政审批提高行政效能实施方案".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName"`

	// calendar names the cluster-scoped WorkCalendar whose time zone and close of business
	// end each phase: a phase ends at close of business of its end date or, when that date is
	// not a working day, of the next working day (PRC Civil Code Art. 203).
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	Calendar string `json:"calendar"`

	// leadingGroup is the reform's leading group (领导小组), which guides and inspects.
	// +required
	LeadingGroup LeadingGroup `json:"leadingGroup"`

	// scope selects the departments, in this namespace, the plan covers. Empty: every
	// Department of the namespace.
	// +optional
	Scope PlanScope `json:"scope,omitempty"`

	// phases are the rollout's phases in date order; they may not overlap.
	// +required
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=12
	// +kubebuilder:validation:XValidation:rule="self.all(p, self.all(q, p.name == q.name || p.end < q.start || q.end < p.start))",message="two phases overlap: each phase must end (spec.phases[].end) before the next one starts; move one of the dates"
	// +kubebuilder:validation:XValidation:rule="[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(i, i + 1 >= self.size() || self[i].start < self[i + 1].start)",message="spec.phases must be listed in date order: sort them by start"
	Phases []PlanPhase `json:"phases"`

	// inspections are the recorded inspections of departments (检查验收), one per department
	// and day. A recorded inspection cannot be changed or removed; a re-inspection is a new
	// entry.
	// +optional
	// +listType=map
	// +listMapKey=department
	// +listMapKey=date
	// +kubebuilder:validation:MaxItems=100
	Inspections []Inspection `json:"inspections,omitempty"`
}

// LeadingGroup is the reform's leading group and its office.
type LeadingGroup struct {
	// head leads the group, e.g. the executive deputy county head.
	// +required
	Head Person `json:"head"`

	// deputy is the deputy head, e.g. the secretary of the discipline commission.
	// +optional
	Deputy *Person `json:"deputy,omitempty"`

	// members are the bodies whose leaders sit in the group, e.g. the government supervision
	// office, the supervision bureau, the establishment office and the Center.
	// +optional
	// +listType=map
	// +listMapKey=body
	// +kubebuilder:validation:MaxItems=20
	Members []GroupMember `json:"members,omitempty"`

	// office is where the group's office sits.
	// +optional
	Office *GroupOffice `json:"office,omitempty"`
}

// GroupMember is a body represented in the leading group.
type GroupMember struct {
	// body is the member body's name, e.g. "县政府督查室 (Government Supervision Office)".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	Body string `json:"body"`

	// leader is the body's leader who sits in the group, when named.
	// +optional
	Leader *Person `json:"leader,omitempty"`
}

// GroupOffice is the leading group's office.
type GroupOffice struct {
	// center names the ServiceCenter, in this namespace, that houses the office.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.leadingGroup.office.center must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Center string `json:"center,omitempty"`

	// director heads the office, when named.
	// +optional
	Director *Person `json:"director,omitempty"`
}

// PlanScope selects departments. A department is in scope when it matches every criterion
// given; with none, every department of the namespace is.
type PlanScope struct {
	// batches lists the relocation batches covered, e.g. [1, 2].
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=2
	// +kubebuilder:validation:items:Minimum=1
	// +kubebuilder:validation:items:Maximum=2
	Batches []int32 `json:"batches,omitempty"`

	// selector selects departments by label, e.g. reform.onestop.dev/batch: "2".
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
}

// PlanPhase is one dated phase of the rollout and what it checks.
// +kubebuilder:validation:XValidation:rule="self.end >= self.start",message="a phase ends on or after the day it starts: spec.phases[].end is before start; correct one of the dates"
type PlanPhase struct {
	// name identifies the phase, e.g. "mobilisation".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Label().validate(self).hasValue()",message="spec.phases[].name must be lower-case letters, digits and '-', starting and ending with a letter or digit, such as mobilisation"
	Name string `json:"name"`

	// title is the phase's name in the plan, e.g. "宣传发动阶段 (publicity and mobilisation)".
	// +optional
	// +kubebuilder:validation:MaxLength=128
	Title string `json:"title,omitempty"`

	// start is the first day of the phase, YYYY-MM-DD. The phase starts at midnight of that
	// day in the calendar's time zone.
	// +required
	// +kubebuilder:validation:MaxLength=10
	// +kubebuilder:validation:XValidation:rule="!format.date().validate(self).hasValue()",message="spec.phases[].start must be a date written YYYY-MM-DD, such as 2008-12-03"
	Start string `json:"start"`

	// end is the last day of the phase, YYYY-MM-DD: its requirements are due by close of
	// business that day (of the next working day, if that day is not one).
	// +required
	// +kubebuilder:validation:MaxLength=10
	// +kubebuilder:validation:XValidation:rule="!format.date().validate(self).hasValue()",message="spec.phases[].end must be a date written YYYY-MM-DD, such as 2008-12-10"
	End string `json:"end"`

	// requirements are what every department in scope must have done by the phase's end.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=7
	Requirements []RolloutRequirement `json:"requirements,omitempty"`
}

// Inspection is one recorded inspection of a department (检查验收). It is history: once
// recorded it cannot be changed or removed.
// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="a recorded inspection is history and cannot be changed; record a re-inspection as a new entry of spec.inspections with its own date"
// +kubebuilder:validation:XValidation:rule="self.result == 'Passed' || (has(self.findings) && self.findings.size() > 0)",message="an inspection that is not plainly Passed lists what was found: set spec.inspections[].findings"
type Inspection struct {
	// department names the Department inspected, in this namespace.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.inspections[].department must be the metadata.name of a Department: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Department string `json:"department"`

	// date is the day of the inspection, YYYY-MM-DD.
	// +required
	// +kubebuilder:validation:MaxLength=10
	// +kubebuilder:validation:XValidation:rule="!format.date().validate(self).hasValue()",message="spec.inspections[].date must be a date written YYYY-MM-DD, such as 2009-01-08"
	Date string `json:"date"`

	// inspector is who inspected: a person or the inspecting bodies, e.g. "县政府督查室、县监察局".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	Inspector string `json:"inspector"`

	// result is Passed, ConditionallyPassed or Failed.
	// +required
	Result InspectionResult `json:"result"`

	// findings are the problems found, to be corrected.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=20
	// +kubebuilder:validation:items:MaxLength=512
	Findings []string `json:"findings,omitempty"`
}

// ReformPlanStatus is the rollout's progress as onestop computed it from the calendar, the clock
// and the departments in scope.
type ReformPlanStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// currentPhase is the name of the phase under way (the latest one that has started),
	// NotStarted before the first starts, or Finished once the last has ended.
	// +optional
	// +kubebuilder:validation:MaxLength=63
	CurrentPhase string `json:"currentPhase,omitempty"`

	// due is when the current phase's requirements are due (the next phase's, between two
	// phases) in the calendar's time, e.g. "2008-12-31 17:30 CST"; empty once Finished.
	// +optional
	// +kubebuilder:validation:MaxLength=64
	Due string `json:"due,omitempty"`

	// departmentsInScope counts the departments the plan covers.
	// +optional
	DepartmentsInScope int32 `json:"departmentsInScope"`

	// overdue counts the departments with a requirement not met by its phase's end.
	// +optional
	Overdue int32 `json:"overdue"`

	// late counts the departments that met a requirement only after its phase's end: the
	// deadline was missed even though the work is now done.
	// +optional
	Late int32 `json:"late"`

	// phases report each phase's progress, in the order of spec.phases.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=12
	Phases []PhaseStatus `json:"phases,omitempty"`

	// conditions: Ready summarises; PhaseDeadlineMissed (naming the departments and the dates
	// they missed) and CalendarDataMissing are present only while they hold; Completed is
	// present, True, once every phase has ended and every requirement is met; Reconciling
	// while the calendar does not exist.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=16
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// PhaseStatus is one phase's progress. A department that met every requirement of the phase on
// time is only counted; departments are listed only with what is still pending, overdue or was
// met late, so the status stays small.
type PhaseStatus struct {
	// name is the phase's name.
	// +required
	// +kubebuilder:validation:MaxLength=63
	Name string `json:"name"`

	// state is Pending, Active or Ended.
	// +optional
	State PhaseState `json:"state,omitempty"`

	// due is when the phase's requirements are due: close of business of its end date (or of
	// the next working day).
	// +optional
	Due *metav1.Time `json:"due,omitempty"`

	// dueDate is due's day in the calendar's time zone, YYYY-MM-DD: the date a department
	// that missed the phase missed.
	// +optional
	// +kubebuilder:validation:MaxLength=10
	DueDate string `json:"dueDate,omitempty"`

	// deadlineWatched is true when onestop saw the phase end (it followed the phase before its
	// due time). Only then can it tell that a requirement it checks on the department's
	// current state (a section, relocated items, staffed windows) was met late: it remembers
	// what was missing at the deadline. A plan declared after a phase ended judges that
	// phase's state requirements on what it finds.
	// +optional
	DeadlineWatched bool `json:"deadlineWatched,omitempty"`

	// done counts the departments that met every requirement of the phase on time.
	// +optional
	Done int32 `json:"done"`

	// pending counts the departments with a requirement still to meet before the phase ends.
	// +optional
	Pending int32 `json:"pending"`

	// overdue counts the departments with a requirement not met by the phase's end.
	// +optional
	Overdue int32 `json:"overdue"`

	// late counts the departments that met every requirement, some after the phase's end.
	// +optional
	Late int32 `json:"late"`

	// departments lists the departments with a requirement pending, overdue or met late.
	// +optional
	// +listType=map
	// +listMapKey=department
	// +kubebuilder:validation:MaxItems=1000
	Departments []DepartmentProgress `json:"departments,omitempty"`
}

// DepartmentProgress is what a department still owes a phase, or met late.
type DepartmentProgress struct {
	// department names the Department.
	// +required
	// +kubebuilder:validation:MaxLength=253
	Department string `json:"department"`

	// pending are the requirements not met yet, before the phase's end.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=7
	Pending []RolloutRequirement `json:"pending,omitempty"`

	// overdue are the requirements not met by the phase's end.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=7
	Overdue []RolloutRequirement `json:"overdue,omitempty"`

	// late are the requirements met after the phase's end.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=7
	Late []RolloutRequirement `json:"late,omitempty"`
}

// RolloutVerdict sums up a plan's verdict on one department.
// +kubebuilder:validation:Enum=Done;Pending;Late;Overdue
type RolloutVerdict string

const (
	// VerdictDone: every requirement of every phase met on time (or not yet due and met).
	VerdictDone RolloutVerdict = "Done"
	// VerdictPending: requirements remain, and none of their phases has ended.
	VerdictPending RolloutVerdict = "Pending"
	// VerdictLate: nothing is overdue, but a requirement was met after its phase's end.
	VerdictLate RolloutVerdict = "Late"
	// VerdictOverdue: a requirement was not met by its phase's end.
	VerdictOverdue RolloutVerdict = "Overdue"
)

// DepartmentRollout is a ReformPlan's verdict on one department, shown in the department's own
// status.
type DepartmentRollout struct {
	// plan names the ReformPlan.
	// +required
	// +kubebuilder:validation:MaxLength=253
	Plan string `json:"plan"`

	// phase is the plan's current phase.
	// +optional
	// +kubebuilder:validation:MaxLength=63
	Phase string `json:"phase,omitempty"`

	// verdict is Overdue, Late, Pending or Done, in that order of precedence.
	// +optional
	Verdict RolloutVerdict `json:"verdict,omitempty"`

	// requirements are the department's requirements that are pending, overdue or were met
	// late, each with its phase and the date it is or was due.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=84
	Requirements []RequirementProgress `json:"requirements,omitempty"`
}

// RequirementProgress is one requirement a department still owes, or met late.
type RequirementProgress struct {
	// phase names the plan's phase.
	// +required
	// +kubebuilder:validation:MaxLength=63
	Phase string `json:"phase"`

	// requirement is what the phase checks.
	// +required
	Requirement RolloutRequirement `json:"requirement"`

	// state is Pending, Overdue or Late.
	// +required
	// +kubebuilder:validation:Enum=Pending;Overdue;Late
	State string `json:"state"`

	// due is the date it is or was due, YYYY-MM-DD.
	// +optional
	// +kubebuilder:validation:MaxLength=10
	Due string `json:"due,omitempty"`
}

// ReformPlan is the reform's rollout plan: dated phases, what each checks of every department in
// scope, and the progress onestop computes from the clock.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=plan,categories=onestop
// +kubebuilder:printcolumn:name="Phase",type=string,JSONPath=`.status.currentPhase`
// +kubebuilder:printcolumn:name="Due",type=string,JSONPath=`.status.due`
// +kubebuilder:printcolumn:name="Departments",type=integer,JSONPath=`.status.departmentsInScope`
// +kubebuilder:printcolumn:name="Overdue",type=integer,JSONPath=`.status.overdue`
// +kubebuilder:printcolumn:name="Late",type=integer,JSONPath=`.status.late`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Completed",type=string,JSONPath=`.status.conditions[?(@.type=="Completed")].status`,priority=1
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:printcolumn:name="Calendar",type=string,JSONPath=`.spec.calendar`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type ReformPlan struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ReformPlanSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status ReformPlanStatus `json:"status,omitempty"`
}

// ReformPlanList is a list of ReformPlans.
// +kubebuilder:object:root=true
type ReformPlanList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ReformPlan `json:"items"`
}

func init() {
	SchemeBuilder.Register(&ReformPlan{}, &ReformPlanList{})
}

// GetConditions returns the status conditions.
func (p *ReformPlan) GetConditions() []metav1.Condition { return p.Status.Conditions }

// SetConditions replaces the status conditions.
func (p *ReformPlan) SetConditions(conditions []metav1.Condition) { p.Status.Conditions = conditions }
