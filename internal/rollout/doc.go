// Package rollout decides a reform plan's progress (ReformPlan): which phase is under way,
// when each phase's requirements are due, and for every department in scope what it has done,
// what is pending, what is overdue and what it did late. It is pure: it takes plain values, a
// *calendar.Calendar and now, never a client or the clock, so a table test covers it.
//
// # Rules
//
//   - A phase starts at midnight of its start date in the calendar's time zone, and its
//     requirements are due at close of business of its end date; when the end date is not a
//     working day, at close of business of the next working day (PRC Civil Code Art. 203: a
//     period whose last day is a holiday ends on the day after the holiday; where there are
//     business hours, it ends when business stops). A year the calendar does not cover is not
//     guessed: the due time falls back to close of business of the end date as written, and
//     the plan shows CalendarDataMissing.
//   - Pending: before its start; Active: from its start to its due time; Ended: after it.
//     The current phase is the latest one that has started; NotStarted before the first,
//     Finished after the last has ended.
//   - Dated requirements (implementation plan, staff registration, inspections) are met on
//     the recorded day, once that day has come; met after the due date, they are met late.
//     A record dated in the future is not met yet, and the plan looks again on that day.
//   - State requirements (a section or chief representative, relocated items, staffed
//     windows) are judged on the department's current figures. Met after the deadline, they
//     are met late only if onestop saw the deadline pass with them unmet: the phase's status
//     remembers what was overdue (deadlineWatched). A department onestop has not counted yet
//     has its state requirements pending, never overdue.
//   - A department is Overdue in a phase if a requirement is overdue; else Pending if one is
//     pending; else Late if one was met late; else Done.
//   - PhaseDeadlineMissed holds while an ended phase has an overdue or late department. Late
//     work stays on the record; Ready is False only while something is overdue.
//   - Completed: every phase has ended and every department met every requirement.
package rollout
