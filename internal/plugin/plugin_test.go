package plugin

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	clocktesting "k8s.io/utils/clock/testing"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/yaml"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/lint"
	"onestop.dev/onestop/internal/plugin/plugintest"
)

var root = plugintest.Root()

type result struct {
	stdout, stderr string
	code           int
}

// run runs the plugin in-process, as kubectl would, against c (nil: no cluster).
func run(t *testing.T, c client.Client, now time.Time, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	o := Options{
		Streams: genericiooptions.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Clock:   clocktesting.NewFakePassiveClock(now),
		Version: "test",
		Getenv:  func(string) string { return "" },
		NewClient: func(*genericclioptions.ConfigFlags) (client.Client, error) {
			if c == nil {
				t.Fatal("this command must not need a cluster")
			}
			return c, nil
		},
	}
	code := Run(o, args)
	return result{out.String(), errOut.String(), code}
}

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

var seedNow = time.Date(2009, 3, 2, 9, 0, 0, 0, shanghai)

// TestHelp: every command explains itself with examples, in kubectl's words.
func TestHelp(t *testing.T) {
	r := run(t, nil, seedNow, "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "kubectl onestop [command]") {
		t.Errorf("root usage does not read `kubectl onestop`:\n%s", r.stdout)
	}
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		if cmd.Name() != "help" && cmd.Name() != "completion" && cmd.Example == "" {
			t.Errorf("%q has no examples", cmd.CommandPath())
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCommand(Options{}))
	for _, args := range [][]string{{"status", "--help"}, {"cases", "--help"}, {"explain", "--help"}, {"lint", "--help"}, {"catalog", "import", "--help"}, {"catalog", "export", "--help"}} {
		r := run(t, nil, seedNow, args...)
		if ex := strings.SplitN(r.stdout, "Examples:\n", 2); r.code != 0 || len(ex) != 2 || !strings.Contains(ex[1], "  kubectl onestop "+args[0]+" ") {
			t.Errorf("%v: no examples that read `kubectl onestop`:\n%s", args, r.stdout)
		}
		if !strings.Contains(r.stdout, "--kubeconfig") || !strings.Contains(r.stdout, "--namespace") {
			t.Errorf("%v: kubectl's flags are missing", args)
		}
	}
}

func TestLint(t *testing.T) {
	r := run(t, nil, seedNow, "lint", filepath.Join(root, "config", "samples"))
	if r.code != 0 {
		t.Fatalf("lint config/samples exits %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "anomalies/item-not-relocated.yaml:23: ApprovalItem/local-tax-housing-transfer-tax-relief: warning: ") {
		t.Errorf("the anomalies overlay's warnings are missing:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, " 0 errors, ") {
		t.Errorf("summary: %s", r.stderr)
	}
	if r := run(t, nil, seedNow, "lint", "--strict", filepath.Join(root, "config", "samples")); r.code != 1 {
		t.Errorf("--strict passes warnings (exit %d)", r.code)
	}

	dir := t.TempDir()
	bad := "apiVersion: reform.onestop.dev/v1alpha1\nkind: ApprovalItem\nmetadata: {name: bad-item, namespace: default}\nspec: {}\n"
	if err := os.WriteFile(filepath.Join(dir, "item.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, nil, seedNow, "lint", dir)
	if r.code != 1 || !strings.Contains(r.stdout, "item.yaml:4: ApprovalItem/bad-item: spec.code is required") {
		t.Errorf("an empty spec: exit %d\n%s", r.code, r.stdout)
	}
	r = run(t, nil, seedNow, "lint", "-o", "json", dir)
	var res lint.Result
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("-o json: %v\n%s", err, r.stdout)
	}
	if r.code != 1 || res.Errors == 0 || res.Findings[0].Rule != "Schema" || res.Findings[0].Line != 4 {
		t.Errorf("-o json: exit %d, %+v", r.code, res)
	}
	if r := run(t, nil, seedNow, "lint", filepath.Join(dir, "missing")); r.code != 1 || !strings.Contains(r.stderr, "no such file or folder") {
		t.Errorf("a missing path: exit %d, %s", r.code, r.stderr)
	}
}

func TestCatalogImport(t *testing.T) {
	csv := filepath.Join(root, "config", "samples", "catalog", "items.csv")
	r := run(t, nil, seedNow, "catalog", "import", csv)
	if r.code != 0 || strings.Count(r.stdout, "\nkind: ApprovalItem\n") != 93 {
		t.Fatalf("import of the sample: exit %d, %d items\n%s", r.code, strings.Count(r.stdout, "kind: ApprovalItem"), r.stderr)
	}
	if strings.Contains(r.stdout, "namespace:") {
		t.Error("items name a namespace though -n was not given")
	}
	r = run(t, nil, seedNow, "catalog", "import", "-n", "county", csv)
	if strings.Count(r.stdout, "  namespace: county\n") != 93 {
		t.Error("-n county is not written into every item")
	}

	broken := filepath.Join("catalog", "testdata", "broken.csv")
	r = run(t, nil, seedNow, "catalog", "import", broken)
	if r.code != 1 || r.stdout != "" {
		t.Errorf("a broken list: exit %d, stdout %q", r.code, r.stdout)
	}
	for _, want := range []string{
		broken + ": row 3, column promisedLimitDays: promisedLimitDays must not exceed statutoryLimitDays",
		broken + ": row 7, column center: an item that must relocate needs the center",
		"catalog import: 15 problems in " + broken + "; nothing was written",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	// --output-dir: all or nothing.
	dir := t.TempDir()
	out := filepath.Join(dir, "items")
	if r := run(t, nil, seedNow, "catalog", "import", broken, "--output-dir", out); r.code != 1 {
		t.Errorf("exit %d", r.code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed import left %v behind", entries)
	}
	if r := run(t, nil, seedNow, "catalog", "import", csv, "--output-dir", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
	if len(files) != 93 {
		t.Errorf("per-item layout wrote %d files, want 93", len(files))
	}
	if _, err := os.Stat(filepath.Join(out, "development-reform-enterprise-project-approval.yaml")); err != nil {
		t.Error(err)
	}
	if r := run(t, nil, seedNow, "catalog", "import", csv, "--output-dir", out, "--layout", "single"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "items.yaml"))
	if err != nil || strings.Count(string(b), "kind: ApprovalItem") != 93 {
		t.Errorf("single layout: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
	// What import wrote lints clean.
	if r := run(t, nil, seedNow, "lint", "-n", "county", filepath.Join(out, "items.yaml"), filepath.Join(root, "config", "samples", "base", "departments.yaml"), filepath.Join(root, "config", "samples", "base", "servicecenters.yaml"), filepath.Join(root, "config", "samples", "base", "calendars.yaml"), filepath.Join(root, "config", "samples", "base", "windows.yaml"), filepath.Join(root, "config", "samples", "base", "sections.yaml")); r.code != 0 {
		t.Errorf("the imported items do not lint clean:\n%s", r.stdout)
	}
}

func TestCatalogExport(t *testing.T) {
	csv := filepath.Join(root, "config", "samples", "catalog", "items.csv")
	want, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, seedNow, "catalog", "export", filepath.Join(root, "config", "samples", "base", "items.yaml"))
	if r.code != 0 || r.stdout != string(want) {
		t.Errorf("export of config/samples/base/items.yaml differs from %s (exit %d)", csv, r.code)
	}
	xlsx := filepath.Join(t.TempDir(), "catalog.xlsx")
	if r := run(t, nil, seedNow, "catalog", "export", filepath.Join(root, "config", "samples", "base"), "-o", "xlsx", "--file", xlsx); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	r = run(t, nil, seedNow, "catalog", "import", xlsx)
	if r.code != 0 || strings.Count(r.stdout, "kind: ApprovalItem") != 93 {
		t.Errorf("the XLSX export does not import back: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, nil, seedNow, "catalog", "export", filepath.Join(root, "config", "samples", "base"), "-o", "xlsx"); r.code != 1 || !strings.Contains(r.stderr, "--file") {
		t.Errorf("xlsx to a terminal: exit %d %s", r.code, r.stderr)
	}

	s, err := plugintest.SampleCounty()
	if err != nil {
		t.Fatal(err)
	}
	b := fake.NewClientBuilder().WithScheme(Scheme())
	for _, it := range s.Items {
		b.WithObjects(it)
	}
	r = run(t, b.Build(), seedNow, "catalog", "export", "--from-cluster", "-n", "county")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 94 || !strings.HasPrefix(strings.SplitN(r.stdout, "\n", 3)[1], "finance-accounting-qualification,CZ-001,") {
		t.Errorf("--from-cluster: exit %d\n%s\n%.300s", r.code, r.stderr, r.stdout)
	}
}

// seedCluster is a fake cluster holding the seed county, its cases settled at seedNow.
func seedCluster(t *testing.T) client.Client {
	t.Helper()
	s, err := plugintest.SampleCounty()
	if err != nil {
		t.Fatal(err)
	}
	if err := plugintest.Settle(s, seedNow); err != nil {
		t.Fatal(err)
	}
	b := fake.NewClientBuilder().WithScheme(Scheme())
	for _, o := range s.Departments {
		b.WithObjects(o)
	}
	for _, o := range s.Sections {
		b.WithObjects(o)
	}
	for _, o := range s.Windows {
		b.WithObjects(o)
	}
	for _, o := range s.Centers {
		b.WithObjects(o)
	}
	for _, o := range s.Items {
		b.WithObjects(o)
	}
	for _, o := range s.Cases {
		b.WithObjects(o)
	}
	for _, o := range s.Calendars {
		b.WithObjects(o)
	}
	return b.Build()
}

func TestReadCommands(t *testing.T) {
	c := seedCluster(t)

	r := run(t, c, seedNow, "cases", "-n", "county", "--timeout-consent")
	if r.code != 0 || !strings.Contains(r.stdout, "case-07-timeout-consent") || !strings.Contains(r.stdout, "case-06-parallel") || !strings.Contains(r.stdout, "2 cases") {
		t.Errorf("cases --timeout-consent: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, c, seedNow, "cases", "-n", "county", "--overdue", "-o", "yaml")
	list := &v1alpha1.ApprovalCaseList{}
	if err := yaml.Unmarshal([]byte(r.stdout), list); err != nil || r.code != 0 {
		t.Fatalf("cases -o yaml: exit %d %v\n%s", r.code, err, r.stderr)
	}
	if list.Kind != "ApprovalCaseList" || len(list.Items) != 2 || list.Items[0].Name != "case-02-on-the-spot-missed" {
		t.Errorf("cases --overdue -o yaml: %s %d items", list.Kind, len(list.Items))
	}
	r = run(t, c, seedNow, "cases", "-A", "-o", "name")
	if r.code != 0 || strings.Count(r.stdout, "approvalcase.reform.onestop.dev/") != 14 {
		t.Errorf("cases -A -o name: %s%s", r.stdout, r.stderr)
	}
	if r := run(t, c, seedNow, "cases", "-n", "county", "--sort", "name"); r.code != 1 || !strings.Contains(r.stderr, "use deadline or received") {
		t.Errorf("--sort name: exit %d %s", r.code, r.stderr)
	}

	r = run(t, c, seedNow, "explain", "case-07-timeout-consent", "-n", "county")
	if r.code != 0 || !strings.Contains(r.stdout, "Approved by timeout consent (超时默许)") || strings.Contains(r.stdout, "Recorded status differs") {
		t.Errorf("explain: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, c, seedNow, "explain", "case-11-clock-stop", "-n", "county", "-o", "json")
	var e struct {
		Case     string
		Sections []struct{ Title, Due string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &e); err != nil || e.Case != "case-11-clock-stop" || len(e.Sections) < 4 {
		t.Errorf("explain -o json: %v %+v", err, e)
	}
	if r := run(t, c, seedNow, "explain", "case-99", "-n", "county"); r.code != 1 || !strings.Contains(r.stderr, `no ApprovalCase "case-99" in namespace county`) {
		t.Errorf("explain of a missing case: exit %d %s", r.code, r.stderr)
	}

	r = run(t, c, seedNow, "status", "-n", "county")
	if r.code != 0 || !strings.Contains(r.stdout, "No ReformPlan in namespace county") || !strings.Contains(r.stdout, "30 departments") {
		t.Errorf("status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("status colours output that is not a terminal")
	}
	r = run(t, c, seedNow, "status", "-n", "county", "--color", "always")
	if !strings.Contains(r.stdout, "\x1b[") {
		t.Error("--color always does not colour")
	}
	if r := run(t, c, seedNow, "status", "-n", "empty"); r.code != 1 || !strings.Contains(r.stderr, "has no Department") {
		t.Errorf("status of an empty namespace: exit %d %s", r.code, r.stderr)
	}
}

func TestNoColor(t *testing.T) {
	e := &env{Options: Options{Getenv: func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}}, color: "auto"}
	if e.style(os.Stdout).Color {
		t.Error("NO_COLOR is not respected")
	}
	e.color = "always"
	if !e.style(os.Stdout).Color {
		t.Error("--color always loses to NO_COLOR")
	}
}
