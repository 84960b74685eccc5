package policy

import (
	"fmt"
	"strings"
	"time"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

// dateLayout is the layout of every civil date in the API.
const dateLayout = "2006-01-02"

// Collect drops the rules that held (nil findings) and keeps the order of the rest.
func Collect(findings ...*conditions.Finding) []conditions.Finding {
	var out []conditions.Finding
	for _, f := range findings {
		if f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// CertificateValid tells whether p holds a law-enforcement certificate valid on now's day in
// loc, the jurisdiction's zone. The expiry date is the last valid day.
func CertificateValid(p v1alpha1.Person, now time.Time, loc *time.Location) bool {
	if p.Certificate == nil {
		return false
	}
	expires, err := time.ParseInLocation(dateLayout, p.Certificate.Expires, loc)
	if err != nil {
		return false
	}
	return now.In(loc).Before(expires.AddDate(0, 0, 1))
}

// NextCertificateExpiry returns the first instant after now at which one of people's valid
// certificates lapses, so a reconciler can look again exactly then instead of polling.
func NextCertificateExpiry(people []v1alpha1.Person, now time.Time, loc *time.Location) (time.Time, bool) {
	var next time.Time
	for _, p := range people {
		if !CertificateValid(p, now, loc) {
			continue
		}
		expires, _ := time.ParseInLocation(dateLayout, p.Certificate.Expires, loc)
		lapse := expires.AddDate(0, 0, 1)
		if next.IsZero() || lapse.Before(next) {
			next = lapse
		}
	}
	return next, !next.IsZero()
}

// TemporaryStaff: only formal staff work in the Center. where says whose staff they are,
// e.g. `section "construction-approval" of 建设局`.
func TemporaryStaff(where string, people []v1alpha1.Person) *conditions.Finding {
	var names []string
	for _, p := range distinct(people) {
		if p.Employment == v1alpha1.EmploymentTemporary {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionTemporaryStaff,
		Reason: v1alpha1.ConditionTemporaryStaff,
		Message: fmt.Sprintf("Temporary staff work in %s: %s. Only formal staff with a law-enforcement certificate may work in the Center; replace them with formal staff.",
			where, strings.Join(names, ", ")),
	}
}

// UncertifiedStaff: only staff with a valid law-enforcement certificate work in the Center.
func UncertifiedStaff(where string, people []v1alpha1.Person, now time.Time, loc *time.Location) *conditions.Finding {
	var names []string
	for _, p := range distinct(people) {
		if CertificateValid(p, now, loc) {
			continue
		}
		switch _, err := time.Parse(dateLayout, certificateExpiry(p)); {
		case p.Certificate == nil:
			names = append(names, p.Name+" (no certificate)")
		case err != nil:
			names = append(names, fmt.Sprintf("%s (certificate %s has an unreadable expiry date %q)", p.Name, p.Certificate.Number, p.Certificate.Expires))
		default:
			names = append(names, fmt.Sprintf("%s (certificate %s expired %s)", p.Name, p.Certificate.Number, p.Certificate.Expires))
		}
	}
	if len(names) == 0 {
		return nil
	}
	return &conditions.Finding{
		Type:   v1alpha1.ConditionUncertifiedStaff,
		Reason: v1alpha1.ConditionUncertifiedStaff,
		Message: fmt.Sprintf("Staff without a valid law-enforcement certificate work in %s: %s. Have them certified, or replace them with certified staff.",
			where, strings.Join(names, ", ")),
	}
}

// StaffCounts are the head counts an administrator asks for.
type StaffCounts struct {
	Staff, Temporary, Uncertified int32
}

// CountStaff counts distinct people (by user name when recorded, else by name; the first
// listing of a person decides whether they count as temporary or uncertified).
func CountStaff(people []v1alpha1.Person, now time.Time, loc *time.Location) StaffCounts {
	var c StaffCounts
	for _, p := range distinct(people) {
		c.Staff++
		if p.Employment == v1alpha1.EmploymentTemporary {
			c.Temporary++
		}
		if !CertificateValid(p, now, loc) {
			c.Uncertified++
		}
	}
	return c
}

// distinct drops repeated listings of one person (the same user name, or the same name when
// no user name is recorded), keeping the first: a section's head is often on its roster and
// its window staff always are.
func distinct(people []v1alpha1.Person) []v1alpha1.Person {
	seen := map[string]bool{}
	out := make([]v1alpha1.Person, 0, len(people))
	for _, p := range people {
		key := "name:" + p.Name
		if p.UserName != "" {
			key = "user:" + p.UserName
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

func certificateExpiry(p v1alpha1.Person) string {
	if p.Certificate == nil {
		return ""
	}
	return p.Certificate.Expires
}

// withPerson appends p to people when it is set.
func withPerson(people []v1alpha1.Person, p *v1alpha1.Person) []v1alpha1.Person {
	if p == nil {
		return people
	}
	return append(people, *p)
}

// Named formats an object for messages: its display name and, in brackets, its name.
func Named(display, name string) string {
	if display == "" || display == name {
		return name
	}
	return fmt.Sprintf("%s (%s)", display, name)
}
