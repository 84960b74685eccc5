package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PeriodKind names a calendar period an Assessment covers.
// +kubebuilder:validation:Enum=Month;Quarter;Year
type PeriodKind string

const (
	PeriodMonth   PeriodKind = "Month"
	PeriodQuarter PeriodKind = "Quarter"
	PeriodYear    PeriodKind = "Year"
)

// FindingKind is what a supervisor found a department doing outside the one door.
// +kubebuilder:validation:Enum=OutOfSystem;SentBackToDepartment
type FindingKind string

const (
	// FindingOutOfSystem: applications handled outside the Center (体外循环), found by a
	// supervisor rather than recorded as cases.
	FindingOutOfSystem FindingKind = "OutOfSystem"
	// FindingSentBackToDepartment: applicants sent from the window back to the department's
	// own office (两头跑).
	FindingSentBackToDepartment FindingKind = "SentBackToDepartment"
)

// AssessmentSpec declares a scorecard (考核评价): which departments, over which period, and how
// their figures weigh. Once the period has ended and onestop has frozen the figures
// (status.finalized), the whole object is immutable: the API server refuses any change to
// spec or status.
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.findings) || (has(self.findings) && self.findings.size() >= oldSelf.findings.size() && oldSelf.findings.all(o, self.findings.exists(n, n == o)))",message="a recorded finding cannot be changed or removed: spec.findings only grows",fieldPath=".findings"
// +kubebuilder:validation:XValidation:rule="!has(self.findings) || self.findings.all(f, has(self.period.end) ? (f.date >= self.period.start && f.date <= self.period.end) : (!has(self.period.kind) || (f.date.getFullYear() == self.period.start.getFullYear() && (self.period.kind == 'Year' || (self.period.kind == 'Quarter' && f.date.getMonth() / 3 == self.period.start.getMonth() / 3) || (self.period.kind == 'Month' && f.date.getMonth() == self.period.start.getMonth())))))",message="a finding's date (spec.findings[].date) must lie in the assessed period (spec.period): record it on the Assessment of the period it happened in",fieldPath=".findings"
// +kubebuilder:validation:XValidation:rule="!has(self.departments) || !has(self.findings) || self.findings.all(f, f.department in self.departments)",message="a finding names a department this assessment does not cover: add it to spec.departments or correct spec.findings[].department",fieldPath=".findings"
type AssessmentSpec struct {
	// center names the ServiceCenter, in this namespace, that assesses: its WorkCalendar's
	// time zone and close of business bound the period, and when spec.departments is empty
	// the departments relocated into it (their spec.center) are assessed.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.center must be the metadata.name of a ServiceCenter: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
	Center string `json:"center"`

	// period is the month, quarter or year assessed, or any run of days from start to end.
	// It runs from close of business on the day before its first day to close of business on
	// its last day, in the calendar's time zone, so that consecutive periods neither overlap
	// nor leave a gap: a decision recorded after hours on the last day counts in the next
	// period, as the working day it belongs to.
	// +required
	Period AssessmentPeriod `json:"period"`

	// departments names the Departments assessed. Empty: every department whose spec.center
	// is spec.center.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=100
	// +kubebuilder:validation:items:MaxLength=253
	// +kubebuilder:validation:items:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.departments[] must be the metadata.name of a Department"
	Departments []string `json:"departments,omitempty"`

	// weights turn the figures into a score. Omitted weights take their defaults (70, 30, 5,
	// 5, 2); see AssessmentWeights.
	// +optional
	// +kubebuilder:default={}
	Weights *AssessmentWeights `json:"weights,omitempty"`

	// findings are what the Center's supervisors found in the period: applications handled
	// out of the system, applicants sent back to the department. Each is a record: once
	// written it cannot be changed or removed.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=200
	// +kubebuilder:validation:XValidation:rule="self.all(f, self.exists_one(g, g == f))",message="two findings are identical: record the same finding once, with its count"
	Findings []AssessmentFinding `json:"findings,omitempty"`
}

// AssessmentPeriod is a calendar month, quarter or year (kind and start), or any run of
// civil days (start and end).
// +kubebuilder:validation:XValidation:rule="has(self.kind) != has(self.end)",message="spec.period is either a kind (Month, Quarter or Year) with its start, or a start and an end: set exactly one of spec.period.kind and spec.period.end"
// +kubebuilder:validation:XValidation:rule="!has(self.end) || self.end >= self.start",message="spec.period.end is before spec.period.start: the last day comes on or after the first"
// +kubebuilder:validation:XValidation:rule="!has(self.kind) || self.kind != 'Month' || self.start.getDate() == 1",message="a Month starts on the first of the month: set spec.period.start to YYYY-MM-01"
// +kubebuilder:validation:XValidation:rule="!has(self.kind) || self.kind != 'Quarter' || (self.start.getDate() == 1 && self.start.getMonth() % 3 == 0)",message="a Quarter starts on 1 January, 1 April, 1 July or 1 October: set spec.period.start to YYYY-01-01, YYYY-04-01, YYYY-07-01 or YYYY-10-01"
// +kubebuilder:validation:XValidation:rule="!has(self.kind) || self.kind != 'Year' || (self.start.getDate() == 1 && self.start.getMonth() == 0)",message="a Year starts on 1 January: set spec.period.start to YYYY-01-01"
type AssessmentPeriod struct {
	// kind is Month, Quarter or Year: the calendar period that begins on start.
	// +optional
	Kind PeriodKind `json:"kind,omitempty"`

	// start is the first day assessed, YYYY-MM-DD.
	// +required
	// +kubebuilder:validation:Format=date
	Start string `json:"start"`

	// end is the last day assessed, YYYY-MM-DD, when the period is not a kind.
	// +optional
	// +kubebuilder:validation:Format=date
	End string `json:"end,omitempty"`
}

// AssessmentWeights weigh a department's figures into its score, in points:
//
//	score = onTime × on-time rate + onTheSpot × on-the-spot share
//	      − timeoutsCaused × cases decided by the department's silence
//	      − outOfSystem × cases handled outside the one door
//	      − openAnomalies × anomalies open on the department
//
// Full marks are onTime + onTheSpot (100 by default). A rate with nothing to count (no case
// due in the period) counts as full marks: nothing was late. A score may fall below zero when
// the deductions exceed the full marks.
type AssessmentWeights struct {
	// onTime is the points for deciding every case due in the period on time.
	// +optional
	// +kubebuilder:default=70
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1000
	OnTime *int32 `json:"onTime,omitempty"`

	// onTheSpot is the points for deciding every category 1 and 2 case on the spot (即来即办).
	// +optional
	// +kubebuilder:default=30
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1000
	OnTheSpot *int32 `json:"onTheSpot,omitempty"`

	// timeoutsCaused is the points taken off for each case the department's silence decided:
	// a timeout consent (of its own case, or of its opinion as a co-approver) or a deemed
	// refusal.
	// +optional
	// +kubebuilder:default=5
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1000
	TimeoutsCaused *int32 `json:"timeoutsCaused,omitempty"`

	// outOfSystem is the points taken off for each case handled outside the one door: a case
	// received out of the system (体外循环) and each one a supervisor found, out of the system
	// or sent back to the department (两头跑).
	// +optional
	// +kubebuilder:default=5
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1000
	OutOfSystem *int32 `json:"outOfSystem,omitempty"`

	// openAnomalies is the points taken off for each staffing or relocation anomaly open on
	// the department (a True anomaly condition of its status).
	// +optional
	// +kubebuilder:default=2
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1000
	OpenAnomalies *int32 `json:"openAnomalies,omitempty"`
}

// AssessmentFinding is what a supervisor found a department doing outside the one door.
type AssessmentFinding struct {
	// department names the Department found at fault.
	// +required
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:XValidation:rule="!format.dns1123Subdomain().validate(self).hasValue()",message="spec.findings[].department must be the metadata.name of a Department"
	Department string `json:"department"`

	// date is the day it was found, YYYY-MM-DD, within the period.
	// +required
	// +kubebuilder:validation:Format=date
	Date string `json:"date"`

	// kind is OutOfSystem or SentBackToDepartment.
	// +required
	Kind FindingKind `json:"kind"`

	// count is how many applications it concerns.
	// +optional
	// +kubebuilder:default=1
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=1000
	Count int32 `json:"count,omitempty"`

	// by is the user name of the supervisor who found it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	By string `json:"by"`

	// note says what was found, e.g. which applicant and item.
	// +optional
	// +kubebuilder:validation:MaxLength=512
	Note string `json:"note,omitempty"`
}

// DepartmentAssessment is one department's row of the scorecard.
type DepartmentAssessment struct {
	// name names the Department.
	// +kubebuilder:validation:MaxLength=253
	Name string `json:"name"`

	// displayName is the department's display name.
	// +optional
	// +kubebuilder:validation:MaxLength=128
	DisplayName string `json:"displayName,omitempty"`

	// rank is the department's place, 1 first. No two departments share a rank: an equal
	// score goes to the one with fewer points deducted, then more cases due, then by name.
	Rank int32 `json:"rank"`

	// score is the points earned less the points deducted, with one decimal, e.g. "96.5".
	// +kubebuilder:validation:MaxLength=16
	Score string `json:"score"`

	// deducted is the points taken off, for silence, cases out of the system and open
	// anomalies.
	// +optional
	Deducted int32 `json:"deducted"`

	// due counts the cases whose on-time verdict fell in the period: decided by a person by
	// their deadline in the period, or past a deadline that fell in the period without such a
	// decision (decided late, by silence, or still open). Each case counts once, in one
	// period.
	// +optional
	Due int32 `json:"due"`

	// onTime counts those a person decided by their deadline.
	// +optional
	OnTime int32 `json:"onTime"`

	// onTimePercent is onTime/due in percent, e.g. "66.7"; empty when nothing was due, which
	// counts as full marks.
	// +optional
	// +kubebuilder:validation:MaxLength=8
	OnTimePercent string `json:"onTimePercent,omitempty"`

	// decided counts the cases decided in the period, however decided.
	// +optional
	Decided int32 `json:"decided"`

	// onTheSpotDue counts the category 1 and 2 cases whose on-the-spot verdict fell in the
	// period, as for due.
	// +optional
	OnTheSpotDue int32 `json:"onTheSpotDue"`

	// onTheSpot counts those a person decided on the spot, by close of business of the day
	// the complete application was in hand.
	// +optional
	OnTheSpot int32 `json:"onTheSpot"`

	// onTheSpotPercent is onTheSpot/onTheSpotDue in percent; empty when none was due.
	// +optional
	// +kubebuilder:validation:MaxLength=8
	OnTheSpotPercent string `json:"onTheSpotPercent,omitempty"`

	// timeoutsCaused counts the cases the department's silence decided in the period: it is
	// among the case's status.liableDepartments.
	// +optional
	TimeoutsCaused int32 `json:"timeoutsCaused"`

	// outOfSystem counts the department's cases received out of the system in the period
	// (OutOfSystem) and the applications supervisors found handled out of the system.
	// +optional
	OutOfSystem int32 `json:"outOfSystem"`

	// sentBack counts the applicants supervisors found sent back to the department.
	// +optional
	SentBack int32 `json:"sentBack"`

	// openAnomalies counts the anomaly conditions open on the Department: at the period's
	// end once finalised.
	// +optional
	OpenAnomalies int32 `json:"openAnomalies"`

	// anomalies names them.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=32
	// +kubebuilder:validation:items:MaxLength=64
	Anomalies []string `json:"anomalies,omitempty"`
}

// AssessmentStatus is the scorecard onestop computed.
type AssessmentStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// period names the period, e.g. "2009-Q1", "2009-03", "2009" or
	// "2008-12-03..2009-01-15".
	// +optional
	// +kubebuilder:validation:MaxLength=32
	Period string `json:"period,omitempty"`

	// start and end are the period's first and last day, YYYY-MM-DD.
	// +optional
	// +kubebuilder:validation:MaxLength=10
	Start string `json:"start,omitempty"`
	// +optional
	// +kubebuilder:validation:MaxLength=10
	End string `json:"end,omitempty"`

	// endsAt is the moment the period ends: close of business on its last day.
	// +optional
	EndsAt *metav1.Time `json:"endsAt,omitempty"`

	// workingDays counts the working days of the period, on the center's calendar.
	// +optional
	WorkingDays int32 `json:"workingDays,omitempty"`

	// assessed counts the departments ranked.
	// +optional
	Assessed int32 `json:"assessed"`

	// top is the first-ranked department and its score, e.g. "water 96.5".
	// +optional
	// +kubebuilder:validation:MaxLength=300
	Top string `json:"top,omitempty"`

	// bottom is the last-ranked department and its score.
	// +optional
	// +kubebuilder:validation:MaxLength=300
	Bottom string `json:"bottom,omitempty"`

	// ranking is the head of the ranking for kubectl, e.g. "1. water 96.5, 2. land 90.0, …";
	// status.departments holds every row.
	// +optional
	// +kubebuilder:validation:MaxLength=2048
	Ranking string `json:"ranking,omitempty"`

	// departments are the rows of the scorecard, in rank order.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=100
	Departments []DepartmentAssessment `json:"departments,omitempty"`

	// finalized is true once the period has ended and the figures are final. From then on
	// onestop never recomputes them, and the API server refuses any change to the spec or the
	// status.
	// +optional
	// +kubebuilder:default=false
	Finalized bool `json:"finalized"`

	// finalizedAt is when onestop froze the figures.
	// +optional
	FinalizedAt *metav1.Time `json:"finalizedAt,omitempty"`

	// conditions: Ready summarises; Finalized is present, True, once the figures are final;
	// Reconciling while onestop waits for a missing center, calendar or
	// department, or, after the period's end, for cases whose deadline fell in it to be
	// settled; CalendarDataMissing when the calendar lacks a year of the period.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=16
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// Assessment is a scorecard (考核评价) of departments over a month, quarter, year or any run
// of days: on-time rate, on-the-spot share, silence, cases out of the system and open
// anomalies, weighed into a score and a ranking. It is final once the period has ended.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:shortName=asmt,categories=onestop
// +kubebuilder:printcolumn:name="Period",type=string,JSONPath=`.status.period`
// +kubebuilder:printcolumn:name="Departments",type=integer,JSONPath=`.status.assessed`
// +kubebuilder:printcolumn:name="Top",type=string,JSONPath=`.status.top`
// +kubebuilder:printcolumn:name="Bottom",type=string,JSONPath=`.status.bottom`
// +kubebuilder:printcolumn:name="Finalized",type=boolean,JSONPath=`.status.finalized`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`,priority=1
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:printcolumn:name="Start",type=string,JSONPath=`.status.start`,priority=1
// +kubebuilder:printcolumn:name="End",type=string,JSONPath=`.status.end`,priority=1
// +kubebuilder:printcolumn:name="Working Days",type=integer,JSONPath=`.status.workingDays`,priority=1
// +kubebuilder:printcolumn:name="Ranking",type=string,JSONPath=`.status.ranking`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.status) || !has(oldSelf.status.finalized) || !oldSelf.status.finalized || (self.spec == oldSelf.spec && self.status == oldSelf.status)",message="this Assessment is final: its period has ended and its figures are frozen, so its spec and status cannot change; create a new Assessment to assess again"
type Assessment struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec AssessmentSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status AssessmentStatus `json:"status,omitempty"`
}

// AssessmentList is a list of Assessments.
// +kubebuilder:object:root=true
type AssessmentList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Assessment `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Assessment{}, &AssessmentList{})
}

// GetConditions returns the status conditions.
func (a *Assessment) GetConditions() []metav1.Condition { return a.Status.Conditions }

// SetConditions replaces the status conditions.
func (a *Assessment) SetConditions(conditions []metav1.Condition) { a.Status.Conditions = conditions }
