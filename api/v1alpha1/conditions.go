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

// Anomaly condition types of the organisation. Each is "abnormal-true": present, True, only
// while the anomaly holds; its reason is the same word.
const (
	// OverCapacity: a center holds more windows than its site has room for.
	ConditionOverCapacity = "OverCapacity"
	// SectionMissing: a batch-1 department has no approval-service section.
	ConditionSectionMissing = "SectionMissing"
	// ChiefRepresentativeMissing: a department without a section names no chief representative.
	ConditionChiefRepresentativeMissing = "ChiefRepresentativeMissing"
	// CenterUnstaffed: a department without a section has nobody at a window in the Center.
	ConditionCenterUnstaffed = "CenterUnstaffed"
	// WindowHeadNotCadre: a vertical unit without a section has a window not headed by a
	// section-level cadre.
	ConditionWindowHeadNotCadre = "WindowHeadNotCadre"
	// TemporaryStaff: temporary staff work in a section or window in the Center.
	ConditionTemporaryStaff = "TemporaryStaff"
	// UncertifiedStaff: people without a valid law-enforcement certificate work in a section
	// or window in the Center.
	ConditionUncertifiedStaff = "UncertifiedStaff"
	// NotFullyAuthorized: a section lacks full authority, or other sections still approve.
	ConditionNotFullyAuthorized = "NotFullyAuthorized"
	// StaffingPlanPending: a section's staffing plan lacks the Center's review or the
	// establishment office's approval.
	ConditionStaffingPlanPending = "StaffingPlanPending"
	// HeadMissing: a section or a permanent window has no head.
	ConditionHeadMissing = "HeadMissing"
	// Unstaffed: nobody works at a window.
	ConditionUnstaffed = "Unstaffed"
	// ScheduleMissing: a temporary window has no attendance schedule.
	ConditionScheduleMissing = "ScheduleMissing"
	// StaffNotInRoster: a window's staff are not on its section's roster.
	ConditionStaffNotInRoster = "StaffNotInRoster"
	// LeaderInChargeMissing: a department with category 3 items names no leader in charge.
	ConditionLeaderInChargeMissing = "LeaderInChargeMissing"
)

// Condition reasons that are not an anomaly's own name.
const (
	// ReasonReconciled: the object matches its declaration and no anomaly holds.
	ReasonReconciled = "Reconciled"
	// ReasonParentNotFound: a sub-center names a parent ServiceCenter that does not exist.
	ReasonParentNotFound = "ParentNotFound"
	// ReasonHostDepartmentNotFound: a sub-center names a host Department that does not exist.
	ReasonHostDepartmentNotFound = "HostDepartmentNotFound"
	// ReasonDepartmentNotFound: an object names a Department that does not exist.
	ReasonDepartmentNotFound = "DepartmentNotFound"
	// ReasonCenterNotFound: an object names a ServiceCenter that does not exist.
	ReasonCenterNotFound = "CenterNotFound"
	// ReasonSectionNotFound: a window names an ApprovalSection that does not exist.
	ReasonSectionNotFound = "SectionNotFound"
)

// Anomaly condition types of the catalog and calendars.
const (
	// NotRelocated: an item that must be handled in the Center has no window there.
	ConditionNotRelocated = "NotRelocated"
	// CatalogInvalid: an item names objects that do not exist, or shares its code.
	ConditionCatalogInvalid = "CatalogInvalid"
	// CalendarDataMissing: a date onestop needs falls in a year the calendar does not cover.
	ConditionCalendarDataMissing = "CalendarDataMissing"
)

// Reasons of the catalog and calendars.
const (
	// ReasonCalendarNotFound: a center names a WorkCalendar that does not exist.
	ReasonCalendarNotFound = "CalendarNotFound"
	// ReasonInvalidCalendarData: a calendar's data contradicts itself.
	ReasonInvalidCalendarData = "InvalidCalendarData"
	// ReasonItemNotFound: a case names an ApprovalItem that does not exist.
	ReasonItemNotFound = "ItemNotFound"
	// ReasonAbolished: an abolished item is out of every count.
	ReasonAbolished = "Abolished"
)

// Anomaly condition types of cases.
const (
	// DeemedAccepted: the correction notice came late, or never came while materials were
	// missing, so the application counts as accepted on the day it arrived (Art. 32).
	ConditionDeemedAccepted = "DeemedAccepted"
	// NoticeIncomplete: the one correction notice left out a missing material.
	ConditionNoticeIncomplete = "NoticeIncomplete"
	// OnTheSpotMissed: a category 1 or 2 item was not decided the day it was received.
	ConditionOnTheSpotMissed = "OnTheSpotMissed"
	// SegregationViolated: review-then-approve without two different people.
	ConditionSegregationViolated = "SegregationViolated"
	// UnauthorizedDecider: a reviewer or approver is not formal, certified staff of the
	// responsible section.
	ConditionUnauthorizedDecider = "UnauthorizedDecider"
	// DecidedByTimeoutConsent: nobody decided by the deadline; silence means consent.
	ConditionDecidedByTimeoutConsent = "DecidedByTimeoutConsent"
	// DeemedRefused: nobody decided by the deadline; silence means refusal.
	ConditionDeemedRefused = "DeemedRefused"
	// DeadlineExceeded: the deadline passed with no decision (or the decision came late).
	ConditionDeadlineExceeded = "DeadlineExceeded"
	// CoApproverTimedOut: a co-approving department stayed silent past its limit and is
	// deemed to consent.
	ConditionCoApproverTimedOut = "CoApproverTimedOut"
	// ExtensionInvalid: an extension the item does not allow, or longer than it allows.
	ConditionExtensionInvalid = "ExtensionInvalid"
	// OutOfSystem: the application was not received at a window of a center (体外循环).
	ConditionOutOfSystem = "OutOfSystem"
)

// Condition types and reasons of the rollout plan (ReformPlan).
const (
	// PhaseDeadlineMissed: a department in scope did not meet a phase's requirement by the
	// phase's end, or met it only afterwards. Abnormal-true; it stays as the record once the
	// late work is done (the deadline was still missed).
	ConditionPhaseDeadlineMissed = "PhaseDeadlineMissed"
	// Completed: every phase has ended and every department in scope met every requirement.
	// Present, True, only once completed; it is good news, not an anomaly.
	ConditionCompleted = "Completed"

	// ReasonOnSchedule: the plan runs and nothing is overdue.
	ReasonOnSchedule = "OnSchedule"
	// ReasonCompleted: the plan is completed (Ready's reason once Completed holds).
	ReasonCompleted = "Completed"
	// ReasonInvalidPlan: the plan's scope selector or a phase date cannot be read; only a
	// change to its spec helps.
	ReasonInvalidPlan = "InvalidPlan"
)

// Condition types and reasons of assessments (Assessment).
const (
	// Finalized: the assessment's period has ended and its figures are final and frozen.
	// Present, True (reason PeriodEnded), only once final; it is good news, not an anomaly.
	ConditionFinalized = "Finalized"

	// ReasonPeriodEnded: the period has ended and the figures are final (Finalized's reason
	// once True, and Ready's).
	ReasonPeriodEnded = "PeriodEnded"
	// ReasonCasesPending: the period has ended but cases whose deadline fell in it are not yet
	// settled by their own reconciler (a decision by silence not yet written, a case not yet
	// looked at); the figures are final only once they are.
	ReasonCasesPending = "CasesPending"
	// ReasonTooManyDepartments: the center has more departments than one assessment ranks.
	ReasonTooManyDepartments = "TooManyDepartments"
	// ReasonInvalidPeriod: spec.period names no period (the API server's rules normally
	// refuse such a spec).
	ReasonInvalidPeriod = "InvalidPeriod"
)
