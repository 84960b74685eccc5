// Package assessment scores departments for a period (考核评价): the Center's scorecard of
// each department's on-time rate, on-the-spot share, silence, cases out of the system and
// open anomalies, weighed into a score and a ranking. Its functions are pure: they take the
// period, the weights, plain facts copied from cases, departments and findings, and now.
//
// # The period
//
// A period runs from close of business on the day before its first day to close of business
// on its last day, in the jurisdiction's time zone: (Start, End]. Consecutive periods neither
// overlap nor leave a gap, and a decision recorded after hours on the last day counts in the
// next period, as the working day it belongs to. The period is final once now reaches End.
//
// # Each case counts once
//
// A case counts toward the on-time rate in the period in which its verdict became known: when
// a person decided it by its deadline (on time), or when its deadline passed without that
// (late: decided later, decided by silence, or still open). So every case counts in exactly
// one period, and once a period has ended every case due in it has its verdict. The
// on-the-spot share of category 1 and 2 cases counts the same way against the on-the-spot
// deadline. Silence counts when it took effect (the decision by law, or a co-approver's
// deadline); a case out of the system when it was received; a supervisor's finding on its
// date. Anomalies are those open on the department when the figures are computed.
//
// # The score
//
//	score = onTime × on-time rate + onTheSpot × on-the-spot share
//	      − timeoutsCaused × cases decided by the department's silence
//	      − outOfSystem × (cases received out of the system + findings' counts)
//	      − openAnomalies × anomalies open on the department
//
// A rate with nothing to count is full marks. The score is exact (rational arithmetic),
// shown with one decimal, rounded half away from zero. Departments rank by the shown score,
// then fewer points deducted, then more cases due, then name, so no two share a rank.
package assessment
