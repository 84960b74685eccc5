package controllers

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"
)

// lastApplied is the annotation `kubectl apply` keeps: a second copy of the object as last
// applied, as large as the spec.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// CacheTransform trims what the manager caches to what the reconcilers read: managed fields
// and kubectl's last-applied copy are dropped, so a cached case costs about its JSON size.
// The manager binary, the envtest suites and make bench all use it.
func CacheTransform() toolscache.TransformFunc {
	stripManaged := cache.TransformStripManagedFields()
	return func(in any) (any, error) {
		out, err := stripManaged(in)
		if err != nil {
			return out, err
		}
		if obj, ok := out.(metav1.Object); ok {
			if a := obj.GetAnnotations(); a != nil {
				if _, ok := a[lastApplied]; ok {
					delete(a, lastApplied)
					obj.SetAnnotations(a)
				}
			}
		}
		return out, nil
	}
}
