package catalog

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"onestop.dev/onestop/api/v1alpha1"
)

// Rows turns items into the item list: the header, then one row per item, in the order
// given. Import reads it back into the same items.
func Rows(items []v1alpha1.ApprovalItem) [][]string {
	header := make([]string, len(Columns))
	for i, c := range Columns {
		header[i] = c.Name
	}
	out := [][]string{header}
	for _, it := range items {
		s := it.Spec
		ext := ""
		if s.Extension != nil && s.Extension.Allowed {
			ext = strconv.Itoa(int(s.Extension.Days))
		}
		var co []string
		for _, c := range s.CoApprovers {
			co = append(co, fmt.Sprintf("%s:%d", c.Department, c.LimitDays))
		}
		var materials []string
		for _, m := range s.RequiredMaterials {
			if m.Original {
				materials = append(materials, m.Name+" "+OriginalMark)
			} else {
				materials = append(materials, m.Name)
			}
		}
		review := string(s.ReviewMode)
		if review == "" {
			review = string(v1alpha1.ReviewSingle)
		}
		values := map[string]string{
			"name":               it.Name,
			"code":               s.Code,
			"displayName":        s.DisplayName,
			"department":         s.Department,
			"approvalType":       string(s.ApprovalType),
			"category":           strconv.Itoa(int(s.Category)),
			"statutoryLimitDays": strconv.Itoa(int(s.StatutoryLimitDays)),
			"promisedLimitDays":  strconv.Itoa(int(s.PromisedLimitDays)),
			"extensionDays":      ext,
			"reviewMode":         review,
			"coApprovers":        strings.Join(co, ListSeparator+" "),
			"silencePolicy":      string(s.SilencePolicy),
			"relocation":         string(s.Relocation.Mode),
			"exemptReason":       s.Relocation.ExemptReason,
			"center":             s.Center,
			"requiredMaterials":  strings.Join(materials, ListSeparator+" "),
			"lifecycle":          string(s.Lifecycle.State),
			"lifecycleSince":     s.Lifecycle.Since,
			"lifecycleDecision":  s.Lifecycle.Decision,
			"legalBasis":         s.LegalBasis,
		}
		row := make([]string, len(Columns))
		for i, c := range Columns {
			row[i] = values[c.Name]
		}
		out = append(out, row)
	}
	return out
}

// The YAML an item is written as: the fields in the order a person reads them (the order of
// config/samples), not the alphabetical order of a JSON round trip, and no status.
type yamlItem struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   yamlMeta `yaml:"metadata"`
	Spec       yamlSpec `yaml:"spec"`
}

type yamlMeta struct {
	Name        string            `yaml:"name"`
	Namespace   string            `yaml:"namespace,omitempty"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

type yamlSpec struct {
	Code               string         `yaml:"code"`
	DisplayName        string         `yaml:"displayName"`
	Department         string         `yaml:"department"`
	ApprovalType       string         `yaml:"approvalType"`
	Category           int32          `yaml:"category"`
	StatutoryLimitDays int32          `yaml:"statutoryLimitDays"`
	PromisedLimitDays  int32          `yaml:"promisedLimitDays"`
	Extension          *yamlExtension `yaml:"extension,omitempty"`
	ReviewMode         string         `yaml:"reviewMode,omitempty"`
	CoApprovers        []yamlCo       `yaml:"coApprovers,omitempty"`
	SilencePolicy      string         `yaml:"silencePolicy"`
	Relocation         yamlRelocation `yaml:"relocation"`
	Center             string         `yaml:"center,omitempty"`
	RequiredMaterials  []yamlMaterial `yaml:"requiredMaterials,omitempty"`
	Lifecycle          yamlLifecycle  `yaml:"lifecycle"`
	LegalBasis         string         `yaml:"legalBasis"`
}

type yamlExtension struct {
	Allowed bool  `yaml:"allowed"`
	Days    int32 `yaml:"days,omitempty"`
}

type yamlCo struct {
	Department string `yaml:"department"`
	LimitDays  int32  `yaml:"limitDays"`
}

type yamlRelocation struct {
	Mode         string `yaml:"mode"`
	ExemptReason string `yaml:"exemptReason,omitempty"`
}

type yamlMaterial struct {
	Name     string `yaml:"name"`
	Original bool   `yaml:"original,omitempty"`
}

type yamlLifecycle struct {
	State    string `yaml:"state"`
	Since    string `yaml:"since,omitempty"`
	Decision string `yaml:"decision,omitempty"`
}

func toYAML(it v1alpha1.ApprovalItem) yamlItem {
	s := it.Spec
	y := yamlItem{
		APIVersion: v1alpha1.GroupVersion.String(),
		Kind:       "ApprovalItem",
		Metadata:   yamlMeta{Name: it.Name, Namespace: it.Namespace, Labels: it.Labels, Annotations: it.Annotations},
		Spec: yamlSpec{
			Code: s.Code, DisplayName: s.DisplayName, Department: s.Department, ApprovalType: string(s.ApprovalType),
			Category: s.Category, StatutoryLimitDays: s.StatutoryLimitDays, PromisedLimitDays: s.PromisedLimitDays,
			ReviewMode: string(s.ReviewMode), SilencePolicy: string(s.SilencePolicy),
			Relocation: yamlRelocation{Mode: string(s.Relocation.Mode), ExemptReason: s.Relocation.ExemptReason},
			Center:     s.Center,
			Lifecycle:  yamlLifecycle{State: string(s.Lifecycle.State), Since: s.Lifecycle.Since, Decision: s.Lifecycle.Decision},
			LegalBasis: s.LegalBasis,
		},
	}
	if s.Extension != nil {
		y.Spec.Extension = &yamlExtension{Allowed: s.Extension.Allowed, Days: s.Extension.Days}
	}
	for _, c := range s.CoApprovers {
		y.Spec.CoApprovers = append(y.Spec.CoApprovers, yamlCo{Department: c.Department, LimitDays: c.LimitDays})
	}
	for _, m := range s.RequiredMaterials {
		y.Spec.RequiredMaterials = append(y.Spec.RequiredMaterials, yamlMaterial{Name: m.Name, Original: m.Original})
	}
	return y
}

// MarshalYAML writes items as one YAML stream, each document starting with "---".
func MarshalYAML(items []v1alpha1.ApprovalItem) ([]byte, error) {
	var buf bytes.Buffer
	for _, it := range items {
		buf.WriteString("---\n")
		b, err := MarshalItem(it)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	return buf.Bytes(), nil
}

// MarshalItem writes one item as YAML.
func MarshalItem(it v1alpha1.ApprovalItem) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(toYAML(it)); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
