// Package v1alpha1 holds the onestop API: the organisation of a county's approval reform
// (service centers, departments, sections, windows), its item catalog, its cases and its
// rollout plan, as Kubernetes custom resources in the group reform.onestop.dev.
// +kubebuilder:object:generate=true
// +groupName=reform.onestop.dev
package v1alpha1

import (
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/scheme"
)

var (
	// GroupVersion is the group and version of every onestop kind.
	GroupVersion = schema.GroupVersion{Group: "reform.onestop.dev", Version: "v1alpha1"}

	// SchemeBuilder registers the onestop kinds with a runtime.Scheme.
	SchemeBuilder = &scheme.Builder{GroupVersion: GroupVersion}

	// AddToScheme adds the onestop kinds to a scheme.
	AddToScheme = SchemeBuilder.AddToScheme
)
