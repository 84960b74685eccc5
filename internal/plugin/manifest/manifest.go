// Package manifest reads Kubernetes manifests from YAML files the way `kubectl apply -f` and
// kustomize see them, and keeps where each document and each field was written, so that a
// finding can point at file:line. It is pure apart from reading the files it is given.
package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Document is one YAML document of a file: a Kubernetes object as JSON-compatible values
// (maps, slices, strings, int64, float64, bool, nil) and the line of every field.
type Document struct {
	// File is the path as it was found (relative when the argument was).
	File string
	// Line is the line of the document's first key.
	Line int
	// Object is the document's content; nil for a document that is not a mapping.
	Object map[string]interface{}
	// DefaultNamespace is the namespace the object lands in when it names none: the
	// namespace of the nearest kustomization.yaml above the file, else the one the caller
	// gave (kubectl's -n).
	DefaultNamespace string
	lines            map[string]int
}

// GVK returns the document's apiVersion and kind.
func (d *Document) GVK() schema.GroupVersionKind {
	apiVersion, _ := d.Object["apiVersion"].(string)
	kind, _ := d.Object["kind"].(string)
	return schema.FromAPIVersionAndKind(apiVersion, kind)
}

// Name returns metadata.name.
func (d *Document) Name() string {
	m, _ := d.Object["metadata"].(map[string]interface{})
	name, _ := m["name"].(string)
	return name
}

// Namespace returns metadata.namespace, or DefaultNamespace when the document names none.
func (d *Document) Namespace() string {
	m, _ := d.Object["metadata"].(map[string]interface{})
	if ns, _ := m["namespace"].(string); ns != "" {
		return ns
	}
	return d.DefaultNamespace
}

// LineOf returns the line of the field at path (written as field.Path prints it, such as
// "spec.coApprovers[1].department"), or of its nearest ancestor that was written, or the
// document's line.
func (d *Document) LineOf(path string) int {
	for p := path; p != ""; p = parent(p) {
		if l, ok := d.lines[p]; ok {
			return l
		}
	}
	return d.Line
}

// parent drops the last element of a field path: "a.b[2]" -> "a.b", "a.b" -> "a".
func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndex(p, "["); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndex(p, "."); i >= 0 {
		return p[:i]
	}
	return ""
}

// Problem is something wrong with a file itself: it cannot be read or is not valid YAML.
type Problem struct {
	File    string
	Line    int
	Message string
}

func (p Problem) Error() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse reads every document of one YAML stream. A stream that is not valid YAML yields the
// documents before the error and a Problem at the error's line.
func Parse(file string, data []byte) ([]Document, []Problem) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []Document
	var problems []Problem
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, msg := 0, err.Error()
			if m := yamlLine.FindStringSubmatch(msg); m != nil {
				line, _ = strconv.Atoi(m[1])
				msg = m[2]
			}
			problems = append(problems, Problem{File: file, Line: line, Message: "not valid YAML: " + msg})
			break
		}
		content := &n
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				continue
			}
			content = n.Content[0]
		}
		if content.Kind == yaml.ScalarNode && content.Tag == "!!null" {
			continue // an empty document, e.g. a file that holds only comments
		}
		c := converter{file: file, lines: map[string]int{}}
		v := c.value(content, "")
		problems = append(problems, c.problems...)
		obj, ok := v.(map[string]interface{})
		if !ok {
			problems = append(problems, Problem{File: file, Line: content.Line, Message: "the document is not a mapping: a Kubernetes object starts with apiVersion, kind and metadata"})
			continue
		}
		docs = append(docs, Document{File: file, Line: content.Line, Object: obj, lines: c.lines})
	}
	return docs, problems
}

// converter turns YAML nodes into JSON-compatible values and notes each field's line.
type converter struct {
	file     string
	lines    map[string]int
	problems []Problem
	depth    int
}

// maxDepth bounds alias expansion and nesting ("billion laughs").
const maxDepth = 200

func (c *converter) value(n *yaml.Node, path string) interface{} {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		c.problems = append(c.problems, Problem{File: c.file, Line: n.Line, Message: "the document nests too deep (or its aliases expand too far)"})
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.value(n.Alias, path)
	case yaml.MappingNode:
		out := map[string]interface{}{}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				c.merge(out, v, path)
				continue
			}
			key := k.Value
			p := key
			if path != "" {
				p = path + "." + key
			}
			if prev, dup := seen[key]; dup {
				c.problems = append(c.problems, Problem{File: c.file, Line: k.Line,
					Message: fmt.Sprintf("key %q is repeated (first on line %d): the API server refuses an object with a duplicate field; keep one", p, prev)})
			}
			seen[key] = k.Line
			c.lines[p] = k.Line
			out[key] = c.value(v, p)
		}
		return out
	case yaml.SequenceNode:
		out := make([]interface{}, 0, len(n.Content))
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			c.lines[p] = item.Line
			out = append(out, c.value(item, p))
		}
		return out
	case yaml.ScalarNode:
		return c.scalar(n)
	}
	return nil
}

// merge applies a YAML merge key (<<) whose value is a mapping or a list of mappings.
func (c *converter) merge(out map[string]interface{}, v *yaml.Node, path string) {
	var sources []*yaml.Node
	if v.Kind == yaml.SequenceNode {
		sources = v.Content
	} else {
		sources = []*yaml.Node{v}
	}
	for _, s := range sources {
		if m, ok := c.value(s, path).(map[string]interface{}); ok {
			for k, val := range m {
				if _, set := out[k]; !set {
					out[k] = val
				}
			}
		}
	}
}

func (c *converter) scalar(n *yaml.Node) interface{} {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return i
		}
		var u uint64
		if err := n.Decode(&u); err == nil && u <= math.MaxInt64 {
			return int64(u)
		}
		var f float64
		if err := n.Decode(&f); err == nil {
			return f
		}
	case "!!float":
		var f float64
		if err := n.Decode(&f); err == nil {
			if f == math.Trunc(f) && !strings.ContainsAny(n.Value, ".eE") && math.Abs(f) < 1<<53 {
				return int64(f)
			}
			return f
		}
	}
	// Strings, timestamps (kept as written, as kubectl does) and anything unusual.
	return n.Value
}

// Kustomization is what lint needs of a kustomization.yaml: its namespace, and the files it
// uses as patches (they are not resources and must not be read as objects).
type Kustomization struct {
	Namespace string
	Patches   []string
}

// IsKustomization tells whether a file name is kustomize's.
func IsKustomization(name string) bool {
	switch filepath.Base(name) {
	case "kustomization.yaml", "kustomization.yml", "Kustomization":
		return true
	}
	return false
}

// ReadKustomization reads the namespace and patch files of a kustomization file; patch paths
// come back joined to its folder.
func ReadKustomization(path string) (Kustomization, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Kustomization{}, err
	}
	var k struct {
		Namespace string `yaml:"namespace"`
		Patches   []struct {
			Path string `yaml:"path"`
		} `yaml:"patches"`
		PatchesStrategicMerge []string `yaml:"patchesStrategicMerge"`
		PatchesJSON6902       []struct {
			Path string `yaml:"path"`
		} `yaml:"patchesJson6902"`
	}
	if err := yaml.Unmarshal(data, &k); err != nil {
		return Kustomization{}, fmt.Errorf("%s: not a readable kustomization: %w", path, err)
	}
	dir := filepath.Dir(path)
	out := Kustomization{Namespace: k.Namespace}
	add := func(p string) {
		if p != "" && !strings.Contains(p, "\n") {
			out.Patches = append(out.Patches, filepath.Clean(filepath.Join(dir, p)))
		}
	}
	for _, p := range k.Patches {
		add(p.Path)
	}
	for _, p := range k.PatchesStrategicMerge {
		add(p)
	}
	for _, p := range k.PatchesJSON6902 {
		add(p.Path)
	}
	return out, nil
}

// Set is what Load found.
type Set struct {
	// Documents in the order of the files (sorted within each folder) and within each file.
	Documents []Document
	// Files lists the files read.
	Files []string
	// Problems are files that could not be read or parsed.
	Problems []Problem
}

// Load reads every YAML document of the given files and folders; folders are walked
// recursively for *.yaml and *.yml, skipping hidden folders, kustomization files and the
// files a kustomization uses as patches. defaultNamespace is used for objects that name no
// namespace and have no kustomization namespace above them.
func Load(paths []string, defaultNamespace string) (Set, error) {
	var set Set
	seen := map[string]bool{}
	kustomizations := map[string]*Kustomization{} // folder -> its kustomization, nil if none
	kustomizationOf := func(dir string) (*Kustomization, error) {
		if k, ok := kustomizations[dir]; ok {
			return k, nil
		}
		kustomizations[dir] = nil
		for _, name := range []string{"kustomization.yaml", "kustomization.yml", "Kustomization"} {
			p := filepath.Join(dir, name)
			if _, err := os.Stat(p); err != nil {
				continue
			}
			k, err := ReadKustomization(p)
			if err != nil {
				return nil, err
			}
			kustomizations[dir] = &k
			break
		}
		return kustomizations[dir], nil
	}
	// namespaceFor finds the namespace of the nearest kustomization above file that sets one.
	namespaceFor := func(file string) (string, error) {
		abs, err := filepath.Abs(file)
		if err != nil {
			return "", err
		}
		for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
			k, err := kustomizationOf(dir)
			if err != nil {
				return "", err
			}
			if k != nil && k.Namespace != "" {
				return k.Namespace, nil
			}
			if filepath.Dir(dir) == dir {
				return defaultNamespace, nil
			}
		}
	}
	isPatch := func(file string) (bool, error) {
		abs, err := filepath.Abs(file)
		if err != nil {
			return false, err
		}
		k, err := kustomizationOf(filepath.Dir(abs))
		if err != nil || k == nil {
			return false, err
		}
		for _, p := range k.Patches {
			if p == abs {
				return true, nil
			}
		}
		return false, nil
	}

	read := func(file string, explicit bool) error {
		abs, err := filepath.Abs(file)
		if err != nil {
			return err
		}
		if seen[abs] {
			return nil
		}
		seen[abs] = true
		if !explicit {
			if IsKustomization(file) {
				return nil
			}
			if patch, err := isPatch(file); err != nil || patch {
				return err
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			set.Problems = append(set.Problems, Problem{File: file, Message: err.Error()})
			return nil
		}
		ns, err := namespaceFor(file)
		if err != nil {
			return err
		}
		docs, problems := Parse(file, data)
		for i := range docs {
			docs[i].DefaultNamespace = ns
		}
		set.Files = append(set.Files, file)
		set.Documents = append(set.Documents, docs...)
		set.Problems = append(set.Problems, problems...)
		return nil
	}

	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return set, fmt.Errorf("%s: no such file or folder", p)
		}
		if !info.IsDir() {
			if IsKustomization(p) {
				continue
			}
			if err := read(p, true); err != nil {
				return set, err
			}
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := filepath.Ext(path); ext == ".yaml" || ext == ".yml" {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return set, err
		}
		sort.Strings(files)
		for _, f := range files {
			if err := read(f, false); err != nil {
				return set, err
			}
		}
	}
	return set, nil
}
