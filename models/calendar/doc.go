// Package calendar provides working calendars for the clerks of public
// offices in Sachsen-Anhalt: which days are working days, when the daily
// working window opens and closes, and when a piece of work started at a
// given time is finished if work stops outside working time.
//
// Simulated time is sim.Time, minutes since the start of the run; a
// Calendar anchors it at 00:00 of its start date, and every day has 1,440
// minutes (no time zones, no daylight-saving shifts). A day is a working
// day if its weekday is a working weekday (Monday to Friday by default),
// it is not one of the eleven public holidays of Sachsen-Anhalt
// (FeiertG LSA § 2; see Holidays) and it is not a closed date of the
// office. Work happens only inside the window [Open, Close) of working
// days; AddWork carries what does not finish by Close over to the next
// working day. Lead times are measured in calendar days and in working
// days (WorkingDaysBetween). A clerk's own calendar is the office calendar
// with the clerk's absences (annual leave, sick days) closed as well:
// see Absences, DrawAbsences and (*Calendar).With.
//
// Everything is deterministic: no wall clock, no global state, and
// DrawAbsences draws only from the rand.Source it is given, so the same
// configuration and seed give the same calendars. A Calendar is immutable
// and safe for concurrent use; its queries do not allocate.
package calendar
