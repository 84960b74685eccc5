// Package policy holds the reform's rules about the organisation: service centers,
// departments, sections, windows and staff. Each rule is a pure function of plain facts that
// returns the finding it makes, or nil when the rule holds; reconcilers gather the facts and
// write the findings as conditions.
package policy
