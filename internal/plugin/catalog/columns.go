// Package catalog turns a county's item list, one spreadsheet row per item (CSV or XLSX),
// into ApprovalItem objects and back. Import validates every row with the API's schema and
// CEL rules (shipped in the binary) and the catalog rules of internal/policy, and reports
// each problem as "row N, column NAME: what is wrong and what to write instead"; it returns
// no item at all while any row is wrong. Everything here is pure: the command reads and
// writes the files.
package catalog

import (
	"fmt"
	"regexp"
	"strings"
)

// fieldMention finds the first field an API message names, such as spec.extension.days.
var fieldMention = regexp.MustCompile(`\bspec(\.[a-zA-Z]+)+`)

// Column is one column of the item list.
type Column struct {
	// Name is the header, as written in the first row (matched without regard to case).
	Name string
	// Field is the ApprovalItem field the column fills.
	Field string
	// Required columns must be in the header and filled on every row.
	Required bool
	// Help says what to write, for error messages and docs.
	Help string
}

// Columns in the order export writes them. docs/plugin.md documents the same list.
var Columns = []Column{
	{Name: "name", Field: "metadata.name", Required: true, Help: "the object's name: lower-case letters, digits and '-', e.g. construction-building-permit"},
	{Name: "code", Field: "spec.code", Required: true, Help: "the catalog code: capital letters and digits in dash-separated parts, e.g. JS-003"},
	{Name: "displayName", Field: "spec.displayName", Required: true, Help: "the item's name, e.g. 建筑工程施工许可"},
	{Name: "department", Field: "spec.department", Required: true, Help: "the metadata.name of the deciding Department, e.g. construction"},
	{Name: "approvalType", Field: "spec.approvalType", Required: true, Help: "Licensing (行政许可) or NonLicensing (非行政许可)"},
	{Name: "category", Field: "spec.category", Required: true, Help: "1 or 2 (decided on the spot) or 3 (a promised deadline)"},
	{Name: "statutoryLimitDays", Field: "spec.statutoryLimitDays", Required: true, Help: "the legal limit in working days, 0 to 365, e.g. 20"},
	{Name: "promisedLimitDays", Field: "spec.promisedLimitDays", Required: true, Help: "the Center's promise in working days, at most the statutory limit; 0 for categories 1 and 2"},
	{Name: "extensionDays", Field: "spec.extension", Help: "the one extension's length in working days, e.g. 10; empty when the item allows none"},
	{Name: "reviewMode", Field: "spec.reviewMode", Help: "Single or ReviewThenApprove (一审一核); empty means Single"},
	{Name: "coApprovers", Field: "spec.coApprovers", Help: "co-approving departments with their limits, department:days separated by ';', e.g. land:10; planning:10"},
	{Name: "silencePolicy", Field: "spec.silencePolicy", Required: true, Help: "what silence past the deadline means: Consent, Refusal or None"},
	{Name: "relocation", Field: "spec.relocation.mode", Required: true, Help: "Required (handled in the Center) or Exempt"},
	{Name: "exemptReason", Field: "spec.relocation.exemptReason", Help: "why an Exempt item stays out of the Center"},
	{Name: "center", Field: "spec.center", Help: "the metadata.name of the ServiceCenter that handles the item; required when relocation is Required"},
	{Name: "requiredMaterials", Field: "spec.requiredMaterials", Help: "materials separated by ';', each followed by [original] when the original must be shown, e.g. 申请书; 营业执照副本 [original]"},
	{Name: "lifecycle", Field: "spec.lifecycle.state", Required: true, Help: "Active, Suspended or Abolished"},
	{Name: "lifecycleSince", Field: "spec.lifecycle.since", Help: "the day the state took effect, YYYY-MM-DD"},
	{Name: "lifecycleDecision", Field: "spec.lifecycle.decision", Help: "the document that suspended or abolished the item, e.g. 县政府〔2008〕45号"},
	{Name: "legalBasis", Field: "spec.legalBasis", Required: true, Help: "the law, regulation or document the item rests on"},
}

// OriginalMark follows a material whose original must be shown.
const OriginalMark = "[original]"

// ListSeparator separates the entries of coApprovers and requiredMaterials.
const ListSeparator = ";"

func columnByName(name string) (Column, bool) {
	for _, c := range Columns {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return c, true
		}
	}
	return Column{}, false
}

// columnOfField maps a field path of an ApprovalItem to the column that fills it.
func columnOfField(path string) string {
	best, bestLen := "", -1
	for _, c := range Columns {
		f := c.Field
		if (path == f || strings.HasPrefix(path, f+".") || strings.HasPrefix(path, f+"[")) && len(f) > bestLen {
			best, bestLen = c.Name, len(f)
		}
	}
	if best != "" {
		return best
	}
	switch {
	case strings.HasPrefix(path, "spec.relocation"):
		return "relocation"
	case strings.HasPrefix(path, "spec.lifecycle"):
		return "lifecycle"
	case strings.HasPrefix(path, "metadata.namespace"):
		return "--namespace"
	}
	return ""
}

// speakColumns rewrites the field paths in an API message into the columns that fill them,
// longest first, so that "set spec.lifecycle.decision" reads "set lifecycleDecision".
func speakColumns(msg string) string {
	type pair struct{ field, column string }
	var pairs []pair
	for _, c := range Columns {
		pairs = append(pairs, pair{c.Field, c.Name})
	}
	pairs = append(pairs, pair{"spec.extension.days", "extensionDays"}, pair{"spec.extension.allowed", "extensionDays"},
		pair{"spec.relocation", "relocation"}, pair{"spec.lifecycle", "lifecycle"})
	for i := range pairs {
		for j := i + 1; j < len(pairs); j++ {
			if len(pairs[j].field) > len(pairs[i].field) {
				pairs[i], pairs[j] = pairs[j], pairs[i]
			}
		}
	}
	for _, p := range pairs {
		msg = strings.ReplaceAll(msg, p.field, p.column)
	}
	return msg
}

// RowError is one problem with one cell (or one row, when Column is empty).
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

func (e RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("row %d, column %s: %s", e.Row, e.Column, e.Message)
}
