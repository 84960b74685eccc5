package catalog

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/validate"
	"onestop.dev/onestop/internal/policy"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Namespace is written into every item; empty leaves metadata.namespace out (kustomize or
	// kubectl -n sets it on apply).
	Namespace string
	// Validator checks each item as the API server would.
	Validator *validate.Validator
}

// Import turns the rows of t into ApprovalItems, in row order. Every problem of every row
// is returned; when there is one, no item is.
func Import(ctx context.Context, t Table, opts ImportOptions) ([]v1alpha1.ApprovalItem, []RowError) {
	cols, errs := header(t)
	if len(errs) > 0 {
		return nil, errs
	}
	var items []v1alpha1.ApprovalItem
	var rows []int
	for _, row := range t.Rows {
		if blank(row.Cells) {
			continue
		}
		item, rowErrs := parseRow(row, cols, opts.Namespace)
		if opts.Validator != nil {
			// The API's rules speak of every other cell too; a cell that did not parse is
			// reported once, by the parser.
			failed := map[string]bool{}
			for _, e := range rowErrs {
				failed[e.Column] = true
			}
			for _, e := range validateRow(ctx, row.Number, item, opts) {
				if e.Column == "" || !failed[e.Column] {
					rowErrs = append(rowErrs, e)
				}
			}
		}
		errs = append(errs, rowErrs...)
		items = append(items, item)
		rows = append(rows, row.Number)
	}
	errs = append(errs, acrossRows(items, rows)...)
	if len(items) == 0 && len(errs) == 0 {
		errs = append(errs, RowError{Row: 2, Message: "no item: the rows under the header are empty; write one item per row"})
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
		return nil, errs
	}
	return items, nil
}

// header maps each cell of the header row to its column.
func header(t Table) ([]*Column, []RowError) {
	var errs []RowError
	cols := make([]*Column, len(t.Header))
	seen := map[string]bool{}
	for i, h := range t.Header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		c, ok := columnByName(h)
		if !ok {
			errs = append(errs, RowError{Row: 1, Column: h, Message: fmt.Sprintf("is not a column of the item list: use the names %s (see docs/plugin.md), or delete the column", names())})
			continue
		}
		if seen[c.Name] {
			errs = append(errs, RowError{Row: 1, Column: h, Message: "appears twice in the header: keep one of the two columns"})
			continue
		}
		seen[c.Name] = true
		cols[i] = &c
	}
	for _, c := range Columns {
		if c.Required && !seen[c.Name] {
			errs = append(errs, RowError{Row: 1, Column: c.Name, Message: fmt.Sprintf("is missing from the header row: add the column, with %s", c.Help)})
		}
	}
	return cols, errs
}

func names() string {
	var out []string
	for _, c := range Columns {
		out = append(out, c.Name)
	}
	return strings.Join(out, ", ")
}

// cells gives a row's cells by column name.
type cells struct {
	row    int
	values map[string]string
	errs   []RowError
}

func (c *cells) fail(column, format string, args ...interface{}) {
	c.errs = append(c.errs, RowError{Row: c.row, Column: column, Message: fmt.Sprintf(format, args...)})
}

func help(column string) string {
	col, _ := columnByName(column)
	return col.Help
}

// text returns a cell, trimmed; a required cell must be filled.
func (c *cells) text(column string) string {
	v := strings.TrimSpace(c.values[column])
	col, _ := columnByName(column)
	if v == "" && col.Required {
		c.fail(column, "is empty: write %s", col.Help)
	}
	return v
}

func (c *cells) number(column string) (int32, bool) {
	v := c.text(column)
	if v == "" {
		return 0, false
	}
	n, err := wholeNumber(v)
	if err != nil {
		c.fail(column, "%q is not a whole number: write %s", v, help(column))
		return 0, false
	}
	return n, true
}

func wholeNumber(v string) (int32, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, fmt.Errorf("not a whole number")
	}
	return int32(f), nil
}

// oneOf returns the allowed value a cell names, ignoring case; aliases map other spellings.
func (c *cells) oneOf(column string, allowed []string, aliases map[string]string) string {
	v := c.text(column)
	if v == "" {
		return ""
	}
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a
		}
	}
	if a, ok := aliases[v]; ok {
		return a
	}
	c.fail(column, "%q is not one of %s: write %s", v, strings.Join(allowed, ", "), help(column))
	return v
}

// splitList splits a list cell at ';' (or the full-width '；' a Chinese keyboard types).
func splitList(v string) []string {
	v = strings.ReplaceAll(v, "；", ListSeparator)
	var out []string
	for _, part := range strings.Split(v, ListSeparator) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var approvalTypeAliases = map[string]string{"行政许可": "Licensing", "非行政许可": "NonLicensing", "非行政许可审批": "NonLicensing"}

func parseRow(row Row, cols []*Column, namespace string) (v1alpha1.ApprovalItem, []RowError) {
	c := &cells{row: row.Number, values: map[string]string{}}
	for i, v := range row.Cells {
		switch {
		case i >= len(cols):
			if strings.TrimSpace(v) != "" {
				c.fail("", "cell %d holds %q, but the header names only %d columns: give the column a header or move the value", i+1, v, len(cols))
			}
		case cols[i] == nil:
			if strings.TrimSpace(v) != "" {
				c.fail("", "cell %d holds %q under a column with no header: name the column or clear the cell", i+1, v)
			}
		default:
			c.values[cols[i].Name] = v
		}
	}
	item := v1alpha1.ApprovalItem{
		TypeMeta:   metav1.TypeMeta{APIVersion: v1alpha1.GroupVersion.String(), Kind: "ApprovalItem"},
		ObjectMeta: metav1.ObjectMeta{Name: c.text("name"), Namespace: namespace},
	}
	s := &item.Spec
	s.Code = c.text("code")
	s.DisplayName = c.text("displayName")
	s.Department = c.text("department")
	s.ApprovalType = v1alpha1.ApprovalType(c.oneOf("approvalType", []string{"Licensing", "NonLicensing"}, approvalTypeAliases))
	s.Category, _ = c.number("category")
	s.StatutoryLimitDays, _ = c.number("statutoryLimitDays")
	s.PromisedLimitDays, _ = c.number("promisedLimitDays")
	if days, ok := c.number("extensionDays"); ok && days != 0 {
		s.Extension = &v1alpha1.Extension{Allowed: true, Days: days}
	}
	s.ReviewMode = v1alpha1.ReviewMode(c.oneOf("reviewMode", []string{"Single", "ReviewThenApprove"}, nil))
	if s.ReviewMode == "" {
		s.ReviewMode = v1alpha1.ReviewSingle
	}
	for _, entry := range splitList(c.text("coApprovers")) {
		dept, days, ok := strings.Cut(entry, ":")
		if !ok {
			dept, days, ok = strings.Cut(entry, "：")
		}
		n, err := wholeNumber(strings.TrimSpace(days))
		if !ok || strings.TrimSpace(dept) == "" || err != nil {
			c.fail("coApprovers", "entry %q is not department:days: write each co-approver as its Department's name, a colon and its limit in working days, e.g. land:10; planning:10", entry)
			continue
		}
		s.CoApprovers = append(s.CoApprovers, v1alpha1.CoApprover{Department: strings.TrimSpace(dept), LimitDays: n})
	}
	s.SilencePolicy = v1alpha1.SilencePolicy(c.oneOf("silencePolicy", []string{"Consent", "Refusal", "None"}, nil))
	s.Relocation.Mode = v1alpha1.RelocationMode(c.oneOf("relocation", []string{"Required", "Exempt"}, nil))
	s.Relocation.ExemptReason = c.text("exemptReason")
	s.Center = c.text("center")
	for _, entry := range splitList(c.text("requiredMaterials")) {
		m := v1alpha1.Material{Name: entry}
		if len(entry) >= len(OriginalMark) && strings.EqualFold(entry[len(entry)-len(OriginalMark):], OriginalMark) {
			m.Name, m.Original = strings.TrimSpace(entry[:len(entry)-len(OriginalMark)]), true
		}
		if m.Name == "" {
			c.fail("requiredMaterials", "entry %q names no material: write the material's name before %s", entry, OriginalMark)
			continue
		}
		s.RequiredMaterials = append(s.RequiredMaterials, m)
	}
	s.Lifecycle.State = v1alpha1.LifecycleState(c.oneOf("lifecycle", []string{"Active", "Suspended", "Abolished"}, nil))
	s.Lifecycle.Since = c.text("lifecycleSince")
	s.Lifecycle.Decision = c.text("lifecycleDecision")
	s.LegalBasis = c.text("legalBasis")
	return item, c.errs
}

// validateRow checks an item as the API server would and speaks of columns, not fields.
func validateRow(ctx context.Context, row int, item v1alpha1.ApprovalItem, opts ImportOptions) []RowError {
	u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(&item)
	if err != nil {
		return []RowError{{Row: row, Message: err.Error()}}
	}
	ns := opts.Namespace
	if ns == "" {
		ns = "default"
	}
	_, verrs := opts.Validator.Validate(ctx, u, ns)
	var out []RowError
	for _, e := range verrs {
		if e.NotChecked {
			continue // "rules not checked": the errors before it say why
		}
		column := columnOfField(e.Field)
		var msg string
		switch e.Source {
		case validate.SourceCEL:
			// A rule on spec names the field to fix in its message: point at that column.
			if m := fieldMention.FindString(e.Detail); m != "" {
				if c := columnOfField(m); c != "" {
					column = c
				}
			}
			msg = speakColumns(e.Detail)
		default:
			msg = strings.TrimPrefix(e.Message, e.Field+": ")
			msg = speakColumns(msg)
			if h := help(column); h != "" {
				msg += ": write " + h
			}
		}
		if column == "--namespace" {
			msg = "the namespace given with --namespace is not valid: " + msg
			column = ""
		}
		out = append(out, RowError{Row: row, Column: column, Message: msg})
	}
	return out
}

// acrossRows applies the rules that look at several rows: names and codes are unique (the
// catalog rule ItemCatalog, as the item reconciler applies it to items in one namespace).
func acrossRows(items []v1alpha1.ApprovalItem, rows []int) []RowError {
	var errs []RowError
	byName := map[string]int{}
	byCode := map[string][]int{}
	for i, it := range items {
		if it.Name != "" {
			if first, dup := byName[it.Name]; dup {
				errs = append(errs, RowError{Row: rows[i], Column: "name", Message: fmt.Sprintf("%q is already the name of row %d: give each item its own name", it.Name, rows[first])})
			} else {
				byName[it.Name] = i
			}
		}
		if it.Spec.Code != "" && policy.Counted(it.Spec) {
			byCode[it.Spec.Code] = append(byCode[it.Spec.Code], i)
		}
	}
	for i, it := range items {
		same := byCode[it.Spec.Code]
		if len(same) < 2 || !policy.Counted(it.Spec) {
			continue
		}
		var others []string
		for _, j := range same {
			if j != i {
				others = append(others, fmt.Sprintf("row %d (%s)", rows[j], items[j].Name))
			}
		}
		f := policy.ItemCatalog(policy.ItemFacts{Name: it.Name, Spec: it.Spec},
			policy.CatalogRefs{DepartmentExists: true, CenterExists: true, SameCode: others})
		errs = append(errs, RowError{Row: rows[i], Column: "code", Message: f.Message})
	}
	return errs
}
