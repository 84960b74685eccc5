package controllers

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
)

func TestCacheTransformKeepsWhatReconcilersRead(t *testing.T) {
	c := &v1alpha1.ApprovalCase{ObjectMeta: metav1.ObjectMeta{
		Name:          "case-1",
		Labels:        map[string]string{"county": "a"},
		Annotations:   map[string]string{lastApplied: `{"spec":{}}`, "note": "kept"},
		ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl"}},
	}}
	out, err := CacheTransform()(c)
	if err != nil {
		t.Fatal(err)
	}
	got := out.(*v1alpha1.ApprovalCase)
	if len(got.ManagedFields) != 0 {
		t.Errorf("managed fields cached: %v", got.ManagedFields)
	}
	if _, ok := got.Annotations[lastApplied]; ok {
		t.Errorf("kubectl's last-applied copy cached")
	}
	if got.Annotations["note"] != "kept" || got.Labels["county"] != "a" || got.Name != "case-1" {
		t.Errorf("the transform dropped what reconcilers read: %+v", got.ObjectMeta)
	}
}
