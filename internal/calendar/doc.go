// Package calendar counts working days for legal deadlines. Statutory holidays do not count
// (PRC Administrative Licensing Law, Art. 82), and adjusted working days (调休), weekend
// dates the State Council turns into working days, do. A calendar is therefore data that an
// administrator supplies year by year, not a weekday rule: a computation that touches a year
// the calendar does not cover fails with *MissingYearError instead of guessing from weekdays.
//
// The package is pure: it never reads the clock or the cluster, and a *Calendar is immutable
// after New, so one value may serve many goroutines.
//
// # Counting rules
//
//   - Time zone. Every instant is first converted to the calendar's time zone, and its civil
//     date there is "the day" of the instant. 2009-01-20T16:30:00Z is 2009-01-21 00:30 in
//     Asia/Shanghai, so its day is 2009-01-21.
//   - Day of receipt. The day of receipt never counts: working day 1 is the first working day
//     after it, following the practice for 从受理之日起 of excluding the start day. For n ≥ 1
//     the day of receipt is not even consulted, so it may lie in a year the calendar does not
//     cover.
//   - Time of day. The time of day of the receipt is ignored. Receipt at 18:00, after close of
//     business, gives the same deadline as receipt at 09:00 the same day. A caller that treats
//     after-hours receipt as receipt on the next working day must move the instant first.
//   - Deadline. "Within n working days" ends at close of business of the n-th working day,
//     returned as a time.Time in the calendar's zone.
//   - n = 0 ("on the spot", same working day) ends at close of business of the day of receipt
//     if that is a working day, else of the next working day. So for receipt on a non-working
//     day n = 0 and n = 1 give the same deadline, and for receipt after close of business
//     the n = 0 deadline is earlier than the receipt.
//   - Counting back. WorkingDaysBetween(from, to) counts the working days after from's day up
//     to and including to's day, so WorkingDaysBetween(from, AddWorkingDays(from, n)) == n
//     for every n ≥ 1.
//   - Clock stops (a hearing, an expert review) are the caller's: count the working days inside
//     the stop with WorkingDaysIn and add them to n.
//
// # Why the engine is hand-written
//
// github.com/rickar/cal/v2 computes holidays from yearly rules (fixed dates, Easter offsets,
// observed substitutes). It has no notion of a weekend date that becomes a working day, of a
// year whose data is missing, or of errors. Our holidays and 调休 days are per-year data from
// a Kubernetes object, so the library would only wrap our own lookup table. The engine is
// therefore a small per-day table: IsWorkingDay is O(1) and AddWorkingDays is O(days walked).
package calendar
