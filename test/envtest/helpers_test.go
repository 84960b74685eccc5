package envtest

import (
	"context"
	"fmt"
	"os"
	"strings"

	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"onestop.dev/onestop/api/v1alpha1"
)

// newNamespace creates a namespace for one spec (one jurisdiction) and returns its name.
func newNamespace(ctx context.Context) string {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "county-"}}
	Expect(k8sClient.Create(ctx, ns)).To(Succeed())
	return ns.Name
}

// kstatusOf reads obj from the API server and computes its kstatus, as Flux and
// `kubectl wait` would.
func kstatusOf(ctx context.Context, obj client.Object) func() (status.Status, error) {
	return func() (status.Status, error) {
		if err := k8sClient.Get(ctx, client.ObjectKeyFromObject(obj), obj); err != nil {
			return "", err
		}
		raw, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
		if err != nil {
			return "", err
		}
		res, err := status.Compute(&unstructured.Unstructured{Object: raw})
		if err != nil {
			return "", err
		}
		return res.Status, nil
	}
}

// eventsFor lists the events.k8s.io events regarding the named object, as "Type Reason".
func eventsFor(ctx context.Context, namespace, name string) func() ([]string, error) {
	return func() ([]string, error) {
		list := &eventsv1.EventList{}
		if err := k8sClient.List(ctx, list, client.InNamespace(namespace)); err != nil {
			return nil, err
		}
		var out []string
		for _, e := range list.Items {
			if e.Regarding.Name == name {
				out = append(out, fmt.Sprintf("%s %s", e.Type, e.Reason))
			}
		}
		return out, nil
	}
}

// department returns a minimal valid department of the given batch, in the Center.
func department(namespace, name string, batch int32) *v1alpha1.Department {
	return &v1alpha1.Department{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Spec: v1alpha1.DepartmentSpec{
			DisplayName: name,
			Batch:       batch,
			Management:  v1alpha1.ManagementLocal,
			Center:      "county-center",
		},
	}
}

// window returns a permanent window with no staff.
func window(namespace, name, center, dept, section string) *v1alpha1.ServiceWindow {
	return &v1alpha1.ServiceWindow{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Spec: v1alpha1.ServiceWindowSpec{
			Center:     center,
			Department: dept,
			Section:    section,
			Mode:       v1alpha1.WindowPermanent,
		},
	}
}

// applyFile creates every object in a multi-document YAML file, in namespace when the
// object is namespaced and names none.
func applyFile(ctx context.Context, path, namespace string) []*unstructured.Unstructured {
	data, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	var out []*unstructured.Unstructured
	for _, doc := range strings.Split(string(data), "\n---") {
		obj := &unstructured.Unstructured{}
		Expect(yaml.Unmarshal([]byte(doc), &obj.Object)).To(Succeed(), "parsing %s", path)
		if len(obj.Object) == 0 {
			continue
		}
		if namespace != "" && obj.GetNamespace() == "" {
			namespaced, err := k8sClient.IsObjectNamespaced(obj)
			Expect(err).NotTo(HaveOccurred())
			if namespaced {
				obj.SetNamespace(namespace)
			}
		}
		Expect(k8sClient.Create(ctx, obj)).To(Succeed(), "creating %s %s from %s", obj.GetKind(), obj.GetName(), path)
		out = append(out, obj)
	}
	return out
}
