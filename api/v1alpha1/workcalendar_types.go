package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// WorkCalendarSpec declares a jurisdiction's working days as data: which weekdays are the
// weekend, and for each year the statutory holidays and the weekend days moved to working
// days (调休). A year that is not listed is not guessed: a deadline that falls in it
// surfaces as CalendarDataMissing.
//
// Deadline rule (every onestop deadline follows it): the day of receipt does not count; day 1
// is the first working day after it; "within N working days" ends at closeOfBusiness, in
// timeZone, of the N-th working day. Time of day does not move day 1: an application
// received at 18:00 counts from the same day as one received at 09:00.
// +kubebuilder:validation:XValidation:rule="!has(self.weekend) || self.weekend.size() < 7",message="spec.weekend cannot hold all seven days: a calendar needs working days"
type WorkCalendarSpec struct {
	// displayName is the calendar's name, e.g. "中国大陆法定工作日 (Mainland China)".
	// +optional
	// +kubebuilder:validation:MaxLength=128
	DisplayName string `json:"displayName,omitempty"`

	// timeZone is the IANA zone the jurisdiction works in, e.g. "Asia/Shanghai".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=64
	TimeZone string `json:"timeZone"`

	// closeOfBusiness is the local time, HH:MM, at which a working day's deadlines fall.
	// +optional
	// +kubebuilder:default="17:30"
	// +kubebuilder:validation:Pattern=`^([01][0-9]|2[0-3]):[0-5][0-9]$`
	CloseOfBusiness string `json:"closeOfBusiness,omitempty"`

	// weekend lists the weekdays that are not working days unless a year moves one.
	// +optional
	// +kubebuilder:default={Saturday,Sunday}
	// +listType=set
	// +kubebuilder:validation:MaxItems=7
	// +kubebuilder:validation:items:Enum=Monday;Tuesday;Wednesday;Thursday;Friday;Saturday;Sunday
	Weekend []string `json:"weekend,omitempty"`

	// years holds each covered year's holidays and adjusted working days, as the State
	// Council publishes them (usually each November for the next year).
	// +required
	// +listType=map
	// +listMapKey=year
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=100
	Years []CalendarYear `json:"years"`
}

// CalendarYear is one year of a calendar. Dates outside the year, a day that is both a
// holiday and an adjusted working day, and an adjusted working day that is not a weekend day
// make the calendar Stalled, with a message naming the date.
type CalendarYear struct {
	// year is the calendar year, e.g. 2009.
	// +required
	// +kubebuilder:validation:Minimum=1900
	// +kubebuilder:validation:Maximum=2200
	Year int32 `json:"year"`

	// source is the notice the data comes from, e.g. "国办发明电〔2008〕62号".
	// +optional
	// +kubebuilder:validation:MaxLength=128
	Source string `json:"source,omitempty"`

	// holidays are the statutory holidays, each a day or a range of days.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=40
	Holidays []Holiday `json:"holidays,omitempty"`

	// adjustedWorkingDays are weekend days that are working days this year (调休).
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=20
	AdjustedWorkingDays []AdjustedWorkingDay `json:"adjustedWorkingDays,omitempty"`
}

// Holiday is a named statutory holiday: one day, or the days from..to inclusive.
// +kubebuilder:validation:XValidation:rule="!has(self.to) || self.to >= self.from",message="a holiday's spec.years[].holidays[].to must not be before its from"
type Holiday struct {
	// name is the holiday's name, e.g. "春节 (Spring Festival)".
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=64
	Name string `json:"name"`

	// from is the first day, YYYY-MM-DD.
	// +required
	// +kubebuilder:validation:Pattern=`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	// +kubebuilder:validation:MaxLength=10
	From string `json:"from"`

	// to is the last day, YYYY-MM-DD; empty for a single day.
	// +optional
	// +kubebuilder:validation:Pattern=`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	// +kubebuilder:validation:MaxLength=10
	To string `json:"to,omitempty"`
}

// AdjustedWorkingDay is a weekend day worked in exchange for a longer holiday.
type AdjustedWorkingDay struct {
	// date is the day, YYYY-MM-DD.
	// +required
	// +kubebuilder:validation:Pattern=`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	// +kubebuilder:validation:MaxLength=10
	Date string `json:"date"`

	// name says which holiday it pays for, e.g. "元旦调休".
	// +optional
	// +kubebuilder:validation:MaxLength=64
	Name string `json:"name,omitempty"`
}

// WorkCalendarStatus reports what onestop found about a calendar.
type WorkCalendarStatus struct {
	// observedGeneration is the metadata.generation this status describes.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// yearsCovered lists the years with data, ascending.
	// +optional
	// +listType=atomic
	YearsCovered []int32 `json:"yearsCovered,omitempty"`

	// workingDays counts the working days of each covered year, e.g. "2009": 250, a quick
	// check of the data against the published figure.
	// +optional
	WorkingDays map[string]int32 `json:"workingDays,omitempty"`

	// conditions: Ready summarises; CalendarDataMissing while the current year is not
	// covered; Stalled while the data contradicts itself (a day both holiday and adjusted
	// working day, an adjusted working day that is not a weekend day, an unknown zone).
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=16
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// WorkCalendar is a jurisdiction's working-day calendar. Cluster-scoped: counties of one
// province share it.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=wcal,categories=onestop
// +kubebuilder:printcolumn:name="Time Zone",type=string,JSONPath=`.spec.timeZone`
// +kubebuilder:printcolumn:name="Close",type=string,JSONPath=`.spec.closeOfBusiness`
// +kubebuilder:printcolumn:name="Years",type=string,JSONPath=`.status.yearsCovered`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type WorkCalendar struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec WorkCalendarSpec `json:"spec"`
	// A new object reads as generation not yet observed, so kstatus says InProgress, not
	// Current, until the controller has looked at it.
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status WorkCalendarStatus `json:"status,omitempty"`
}

// WorkCalendarList is a list of WorkCalendars.
// +kubebuilder:object:root=true
type WorkCalendarList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []WorkCalendar `json:"items"`
}

func init() {
	SchemeBuilder.Register(&WorkCalendar{}, &WorkCalendarList{})
}

// GetConditions returns the status conditions.
func (c *WorkCalendar) GetConditions() []metav1.Condition { return c.Status.Conditions }

// SetConditions replaces the status conditions.
func (c *WorkCalendar) SetConditions(conditions []metav1.Condition) {
	c.Status.Conditions = conditions
}
