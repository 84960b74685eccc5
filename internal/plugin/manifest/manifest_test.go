package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseLines(t *testing.T) {
	docs, problems := Parse("items.yaml", []byte(`# a comment
---
apiVersion: reform.onestop.dev/v1alpha1
kind: ApprovalItem
metadata:
  name: a
spec:
  category: 3
  ratio: 1.5
  since: 2008-11-20
  at: 2008-12-08T09:00:00+08:00
  allowed: true
  none: ~
  coApprovers:
    - department: land
      limitDays: 10
    - department: planning
---
# only a comment
---
kind: Department
`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2 (the empty one is skipped)", len(docs))
	}
	d := docs[0]
	for path, want := range map[string]int{
		"":                               3,
		"spec":                           7,
		"spec.category":                  8,
		"spec.coApprovers[1]":            17,
		"spec.coApprovers[1].department": 17,
		"spec.coApprovers[0].limitDays":  16,
		"spec.coApprovers[1].limitDays":  17, // not written: its item's line
		"spec.unknown.deeper":            7,  // not written: spec's line
	} {
		if got := d.LineOf(path); got != want {
			t.Errorf("LineOf(%q) = %d, want %d", path, got, want)
		}
	}
	spec := d.Object["spec"].(map[string]interface{})
	want := map[string]interface{}{
		"category": int64(3), "ratio": 1.5, "since": "2008-11-20", "at": "2008-12-08T09:00:00+08:00", "allowed": true, "none": nil,
		"coApprovers": []interface{}{
			map[string]interface{}{"department": "land", "limitDays": int64(10)},
			map[string]interface{}{"department": "planning"},
		},
	}
	if diff := cmp.Diff(want, spec); diff != "" {
		t.Errorf("values as the API server reads them (-want +got):\n%s", diff)
	}
	if docs[1].Line != 21 || docs[1].GVK().Kind != "Department" {
		t.Errorf("second document: line %d, %v", docs[1].Line, docs[1].GVK())
	}
}

func TestParseProblems(t *testing.T) {
	_, problems := Parse("x.yaml", []byte("kind: A\nspec:\n\tbad: 1\n"))
	if len(problems) != 1 || problems[0].Line != 3 || !strings.HasPrefix(problems[0].Message, "not valid YAML") {
		t.Errorf("a tab: %v", problems)
	}
	_, problems = Parse("x.yaml", []byte("kind: A\nkind: B\n"))
	if len(problems) != 1 || problems[0].Line != 2 || !strings.Contains(problems[0].Message, `key "kind" is repeated (first on line 1)`) {
		t.Errorf("a repeated key: %v", problems)
	}
	_, problems = Parse("x.yaml", []byte("- a\n- b\n"))
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "not a mapping") {
		t.Errorf("a list: %v", problems)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLoadKustomize: a folder is read the way kustomize sees it: the kustomization's
// namespace for objects that name none, its patches and itself skipped, hidden folders too.
func TestLoadKustomize(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "base/kustomization.yaml", "namespace: county\nresources: [dept.yaml]\n")
	write(t, dir, "base/dept.yaml", "kind: Department\nmetadata:\n  name: land\n")
	write(t, dir, "base/other.yml", "kind: Department\nmetadata:\n  name: water\n  namespace: elsewhere\n")
	write(t, dir, "overlay/kustomization.yaml", "resources: [../base, extra.yaml]\npatches:\n  - path: patch.yaml\n  - patch: |-\n      inline\n")
	write(t, dir, "overlay/patch.yaml", "kind: Department\nmetadata:\n  name: land\nspec: {batch: 2}\n")
	write(t, dir, "overlay/extra.yaml", "kind: Department\nmetadata:\n  name: tobacco\n")
	write(t, dir, ".git/x.yaml", "kind: Nope\n")
	write(t, dir, "notes.md", "# not yaml\n")

	set, err := Load([]string{dir}, "default")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range set.Documents {
		rel, _ := filepath.Rel(dir, d.File)
		got = append(got, rel+" "+d.Name()+" "+d.Namespace())
	}
	want := []string{"base/dept.yaml land county", "base/other.yml water elsewhere", "overlay/extra.yaml tobacco default"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	// A file named on the command line is read even when it is a patch.
	set, err = Load([]string{filepath.Join(dir, "overlay", "patch.yaml"), dir}, "default")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Documents) != 4 {
		t.Errorf("got %d documents, want the patch and the three others once each", len(set.Documents))
	}
	if _, err := Load([]string{filepath.Join(dir, "missing")}, "default"); err == nil {
		t.Error("a missing path is not an error")
	}
}
