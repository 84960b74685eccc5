package catalog

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"k8s.io/apimachinery/pkg/runtime"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/manifest"
	"onestop.dev/onestop/internal/plugin/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output of this run")

const (
	sampleCSV   = "../../../config/samples/catalog/items.csv"
	sampleItems = "../../../config/samples/base/items.yaml"
)

func validator(t *testing.T) *validate.Validator {
	t.Helper()
	v, err := validate.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func importFile(t *testing.T, path string) ([]v1alpha1.ApprovalItem, []RowError) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, err := ReadCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return Import(context.Background(), table, ImportOptions{Validator: validator(t)})
}

// yamlItems reads ApprovalItems from YAML as the API server would store them (defaulted).
func yamlItems(t *testing.T, paths ...string) []v1alpha1.ApprovalItem {
	t.Helper()
	set, err := manifest.Load(paths, "default")
	if err != nil {
		t.Fatal(err)
	}
	var out []v1alpha1.ApprovalItem
	for _, d := range set.Documents {
		if d.GVK().Kind != "ApprovalItem" {
			continue
		}
		stored, errs := validator(t).Validate(context.Background(), d.Object, "default")
		if len(errs) > 0 {
			t.Fatalf("%s:%d: %v", d.File, d.Line, errs)
		}
		it := v1alpha1.ApprovalItem{}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(stored, &it); err != nil {
			t.Fatal(err)
		}
		out = append(out, it)
	}
	return out
}

func csvOf(t *testing.T, items []v1alpha1.ApprovalItem) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, Rows(items), false); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

type itemKey struct {
	Name string
	Spec v1alpha1.ApprovalItemSpec
}

func keys(items []v1alpha1.ApprovalItem) []itemKey {
	var out []itemKey
	for _, it := range items {
		out = append(out, itemKey{it.Name, it.Spec})
	}
	return out
}

// TestSampleRoundTrip: the sample CSV imports into the 93 items of config/samples, and
// exporting them gives the same file, byte for byte.
func TestSampleRoundTrip(t *testing.T) {
	items, errs := importFile(t, sampleCSV)
	if len(errs) > 0 {
		t.Fatalf("the sample CSV does not import: %v", errs)
	}
	if len(items) != 93 {
		t.Fatalf("imported %d items, want the 93 of the sample catalog", len(items))
	}
	want, err := os.ReadFile(sampleCSV)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), csvOf(t, items)); diff != "" {
		t.Errorf("export(import(csv)) differs from the csv (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(keys(yamlItems(t, sampleItems)), keys(items)); diff != "" {
		t.Errorf("import(csv) differs from config/samples/base/items.yaml (-yaml +csv):\n%s", diff)
	}
}

// TestYAMLRoundTrip: the YAML import writes reads back, through the API's schema, as the
// same items.
func TestYAMLRoundTrip(t *testing.T) {
	items, errs := importFile(t, sampleCSV)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	b, err := MarshalYAML(items)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/items.yaml", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(keys(items), keys(yamlItems(t, dir+"/items.yaml"))); diff != "" {
		t.Errorf("YAML round trip (-imported +reread):\n%s", diff)
	}
	// The first items, as a person reads them: the samples' field order, no status.
	first, err := MarshalYAML(items[:2])
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/first-items.yaml.golden", string(first))
}

func TestImportBrokenCSV(t *testing.T) {
	items, errs := importFile(t, "testdata/broken.csv")
	if items != nil {
		t.Errorf("import returned %d items despite errors: nothing may be written", len(items))
	}
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	golden(t, "testdata/broken.golden", b.String())

	// What a county official relies on, whatever the exact wording.
	for _, want := range []string{
		// a CEL rule of the API, pointed at the column to change
		"row 3, column promisedLimitDays: promisedLimitDays must not exceed statutoryLimitDays",
		// cells that do not parse, every one of the row
		`row 4, column approvalType: "Licence" is not one of Licensing, NonLicensing`,
		`row 4, column category: "three" is not a whole number`,
		`row 4, column silencePolicy: "Silent" is not one of Consent, Refusal, None`,
		// the catalog rule of internal/policy: codes are unique
		"row 5, column code: Catalog entry JS-001 建筑业企业资质核准 is invalid: code JS-001 is also used by row 2 (construction-building-permit)",
		`row 5, column coApprovers: entry "land" is not department:days`,
		`row 6, column name: "construction-building-permit" is already the name of row 2`,
		"row 6, column displayName: is empty: write the item's name",
		"row 7: cell 21 holds \"extra\", but the header names only 20 columns",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing error %q in:\n%s", want, b.String())
		}
	}
	// Row 2 is valid but for sharing its code with row 5: that is all it is blamed for.
	for _, e := range errs {
		if e.Row == 2 && e.Column != "code" {
			t.Errorf("row 2 is valid but for its code, yet: %v", e)
		}
	}
}

func TestImportHeaderErrors(t *testing.T) {
	items, errs := importFile(t, "testdata/missing-columns.csv")
	if items != nil {
		t.Error("items returned despite a broken header")
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		"row 1, column dept: is not a column of the item list: use the names name, code, displayName, department, approvalType, category, statutoryLimitDays, promisedLimitDays, extensionDays, reviewMode, coApprovers, silencePolicy, relocation, exemptReason, center, requiredMaterials, lifecycle, lifecycleSince, lifecycleDecision, legalBasis (see docs/plugin.md), or delete the column",
		"row 1, column lifecycle: appears twice in the header: keep one of the two columns",
		"row 1, column department: is missing from the header row: add the column, with the metadata.name of the deciding Department, e.g. construction",
		"row 1, column legalBasis: is missing from the header row: add the column, with the law, regulation or document the item rests on",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("header errors (-want +got):\n%s", diff)
	}
}

// xlsxOf builds a workbook in memory, as a county official's spreadsheet program would save
// it: the header in row 1, one item per row, numbers as numbers.
func xlsxOf(t *testing.T, sheet string, rows [][]interface{}) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		r := row
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return &b
}

func TestImportXLSX(t *testing.T) {
	header := []interface{}{"name", "code", "displayName", "department", "approvalType", "category", "statutoryLimitDays", "promisedLimitDays", "extensionDays", "coApprovers", "silencePolicy", "relocation", "center", "requiredMaterials", "lifecycle", "legalBasis"}
	good := [][]interface{}{
		header,
		{"construction-building-permit", "JS-001", "建筑工程施工许可", "construction", "Licensing", 3, 20, 15, 10, "land:10", "None", "Required", "county-center", "申请表; 营业执照副本 [original]", "Active", "《中华人民共和国建筑法》"},
		{},
		{"construction-filing", "JS-002", "建筑工程竣工验收备案", "construction", "NonLicensing", 2, 5, 0, nil, nil, "Consent", "Required", "county-center", "备案表", "Active", "《建设工程质量管理条例》"},
	}
	table, err := ReadXLSX(xlsxOf(t, "目录", good), "目录")
	if err != nil {
		t.Fatal(err)
	}
	items, errs := Import(context.Background(), table, ImportOptions{Validator: validator(t), Namespace: "county"})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(items) != 2 {
		t.Fatalf("imported %d items, want 2 (the empty row 3 is skipped)", len(items))
	}
	it := items[0]
	if it.Namespace != "county" || it.Spec.Category != 3 || it.Spec.Extension == nil || it.Spec.Extension.Days != 10 ||
		len(it.Spec.CoApprovers) != 1 || it.Spec.CoApprovers[0].LimitDays != 10 ||
		len(it.Spec.RequiredMaterials) != 2 || !it.Spec.RequiredMaterials[1].Original || it.Spec.ReviewMode != v1alpha1.ReviewSingle {
		t.Errorf("first item read wrong: %+v", it)
	}

	// The XLSX export of the sample catalog imports back into the same items.
	sample, errs := importFile(t, sampleCSV)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var wb bytes.Buffer
	if err := WriteXLSX(&wb, Rows(sample)); err != nil {
		t.Fatal(err)
	}
	table, err = ReadXLSX(&wb, "")
	if err != nil {
		t.Fatal(err)
	}
	back, errs := Import(context.Background(), table, ImportOptions{Validator: validator(t)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if diff := cmp.Diff(keys(sample), keys(back)); diff != "" {
		t.Errorf("XLSX round trip (-csv +xlsx):\n%s", diff)
	}
}

func TestImportBrokenXLSX(t *testing.T) {
	rows := [][]interface{}{
		{"name", "code", "displayName", "department", "approvalType", "category", "statutoryLimitDays", "promisedLimitDays", "silencePolicy", "relocation", "lifecycle", "legalBasis"},
		{"a-item", "JS-001", "甲", "construction", "Licensing", 3, 20, 15, "None", "Exempt", "Active", "法"},
		{"b-item", "JS-002", "乙", "construction", "Licensing", 4, 20, 15, "None", "Required", "Abolished", "法"},
	}
	table, err := ReadXLSX(xlsxOf(t, "Sheet1", rows), "")
	if err != nil {
		t.Fatal(err)
	}
	items, errs := Import(context.Background(), table, ImportOptions{Validator: validator(t)})
	if items != nil {
		t.Error("items returned despite errors")
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		"row 2, column exemptReason: an item exempt from relocation needs the reason: set exemptReason",
		"row 3, column category: Invalid value: 4: category in body should be less than or equal to 3: write 1 or 2 (decided on the spot) or 3 (a promised deadline)",
		"row 3, column center: an item that must relocate needs the center or sub-center that handles it: set center",
		"row 3, column lifecycleDecision: a suspended or abolished item needs the decision that changed it: set lifecycleDecision",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	if _, err := ReadXLSX(xlsxOf(t, "Sheet1", rows), "2009"); err == nil || !strings.Contains(err.Error(), `no sheet "2009": it has Sheet1`) {
		t.Errorf("a missing sheet: %v", err)
	}
	if _, err := ReadXLSX(strings.NewReader("name,code\n"), ""); err == nil || !strings.Contains(err.Error(), "not a readable XLSX workbook") {
		t.Errorf("a CSV read as XLSX: %v", err)
	}
}

func TestReadCSV(t *testing.T) {
	// Excel's "CSV UTF-8" starts with a byte order mark; blank lines are skipped, and row
	// numbers stay the lines of the file.
	table, err := ReadCSV(strings.NewReader("\ufeffname,code\n\nx,JS-001\n"))
	if err != nil {
		t.Fatal(err)
	}
	if table.Header[0] != "name" || len(table.Rows) != 1 || table.Rows[0].Number != 3 {
		t.Errorf("got %+v", table)
	}
	if _, err := ReadCSV(strings.NewReader("name,code\nx,\"JS-001\n")); err == nil || !strings.Contains(err.Error(), "not valid CSV") {
		t.Errorf("an unclosed quote: %v", err)
	}
	if _, err := ReadCSV(strings.NewReader("")); err == nil || !strings.Contains(err.Error(), "the file is empty") {
		t.Errorf("an empty file: %v", err)
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
