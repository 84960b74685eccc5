package validate

import (
	"context"
	"strings"
	"testing"
)

func item(spec map[string]interface{}) map[string]interface{} {
	return map[string]interface{}{
		"apiVersion": "reform.onestop.dev/v1alpha1",
		"kind":       "ApprovalItem",
		"metadata":   map[string]interface{}{"name": "planning-permit"},
		"spec":       spec,
		"status":     map[string]interface{}{"relocated": true},
	}
}

func validSpec() map[string]interface{} {
	return map[string]interface{}{
		"code": "JS-002", "displayName": "建设工程规划许可", "department": "construction",
		"approvalType": "Licensing", "category": int64(3), "statutoryLimitDays": int64(20), "promisedLimitDays": int64(10),
		"silencePolicy": "None", "relocation": map[string]interface{}{"mode": "Required"}, "center": "county-center",
		"lifecycle": map[string]interface{}{"state": "Active"}, "legalBasis": "《城乡规划法》",
	}
}

func TestShippedKinds(t *testing.T) {
	v, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	kinds := strings.Join(v.Kinds("reform.onestop.dev"), ",")
	for _, k := range []string{"ApprovalCase", "ApprovalItem", "ApprovalSection", "Department", "ServiceCenter", "ServiceWindow", "WorkCalendar"} {
		if !strings.Contains(kinds, k) {
			t.Errorf("the binary does not ship the CRD of %s (has %s)", k, kinds)
		}
	}
}

// TestCreateAsTheAPIServer: defaults are applied, status is dropped (the status subresource
// owns it), the namespace kubectl would send is set.
func TestCreateAsTheAPIServer(t *testing.T) {
	v, _ := Shipped()
	stored, errs := v.Validate(context.Background(), item(validSpec()), "county")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	spec := stored["spec"].(map[string]interface{})
	if spec["reviewMode"] != "Single" {
		t.Errorf("reviewMode defaulted to %v, want Single", spec["reviewMode"])
	}
	if _, ok := stored["status"]; ok {
		t.Error("status survives a create")
	}
	if ns := stored["metadata"].(map[string]interface{})["namespace"]; ns != "county" {
		t.Errorf("namespace %v, want county", ns)
	}
}

func TestErrors(t *testing.T) {
	v, _ := Shipped()
	cases := map[string]struct {
		change func(map[string]interface{})
		want   []string
	}{
		"a CEL rule": {
			change: func(s map[string]interface{}) { s["promisedLimitDays"] = int64(30) },
			want:   []string{"CEL spec: spec.promisedLimitDays must not exceed spec.statutoryLimitDays"},
		},
		"a CEL rule on a field": {
			change: func(s map[string]interface{}) { s["department"] = "Construction" },
			want:   []string{"CEL spec.department: spec.department must be the metadata.name of a Department"},
		},
		"an unknown field": {
			change: func(s map[string]interface{}) { s["limit"] = int64(3) },
			want:   []string{`UnknownField spec.limit: unknown field "spec.limit"`},
		},
		"schema errors stop the CEL rules, as on the API server": {
			change: func(s map[string]interface{}) { delete(s, "code"); s["promisedLimitDays"] = int64(30) },
			want:   []string{"Schema spec.code: spec.code is required", "CEL : the CEL rules (x-kubernetes-validations) were not checked"},
		},
		"an enum": {
			change: func(s map[string]interface{}) { s["silencePolicy"] = "Silent" },
			want:   []string{`Schema spec.silencePolicy: spec.silencePolicy: Unsupported value: "Silent": supported values: "Consent", "Refusal", "None"`, "CEL : "},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			spec := validSpec()
			tc.change(spec)
			_, errs := v.Validate(context.Background(), item(spec), "county")
			if len(errs) != len(tc.want) {
				t.Fatalf("got %d errors, want %d: %v", len(errs), len(tc.want), errs)
			}
			for i, e := range errs {
				got := string(e.Source) + " " + e.Field + ": " + e.Detail
				if !strings.HasPrefix(got, tc.want[i]) {
					t.Errorf("error %d = %q, want it to start %q", i, got, tc.want[i])
				}
			}
		})
	}
	_, errs := v.Validate(context.Background(), map[string]interface{}{"apiVersion": "reform.onestop.dev/v1alpha1", "kind": "Item"}, "county")
	if len(errs) != 1 || !strings.Contains(errs[0].Detail, `no kind "Item" in reform.onestop.dev/v1alpha1: use one of ApprovalCase, ApprovalItem`) {
		t.Errorf("an unknown kind: %v", errs)
	}
}
