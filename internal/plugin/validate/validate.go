// Package validate checks onestop objects offline against the CustomResourceDefinitions
// shipped in the binary (config/crd), the way the API server checks a create: unknown fields
// are refused (kubectl's default strict field validation), defaults are applied, then the
// metadata, the structural OpenAPI schema, list-type invariants and every CEL rule
// (x-kubernetes-validations) are evaluated with the API server's own code and cost limits.
package validate

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"sigs.k8s.io/yaml"

	"onestop.dev/onestop/config/crd"
)

// Source tells which check found a problem.
type Source string

const (
	// SourceSchema: the structural OpenAPI schema, the metadata or a list-type invariant.
	SourceSchema Source = "Schema"
	// SourceCEL: an x-kubernetes-validations rule.
	SourceCEL Source = "CEL"
	// SourceUnknownField: a field the schema does not know (kubectl apply refuses it).
	SourceUnknownField Source = "UnknownField"
)

// Error is one problem with an object, at a field path as the API server prints it.
type Error struct {
	// Field is the path, such as "spec.coApprovers[0].limitDays"; "spec" for a rule on spec.
	Field string
	// Message is what the API server would say about the field.
	Message string
	// Detail is the rule's own message (or the schema's complaint) without the field and
	// value: what to show a person who does not read field paths.
	Detail string
	Source Source
	// NotChecked marks the note that the CEL rules were not run because of other errors.
	NotChecked bool
}

func (e Error) Error() string { return e.Message }

// Kind is what the validator knows of one onestop kind.
type Kind struct {
	GVK        schema.GroupVersionKind
	Plural     string
	Namespaced bool
	structural *structuralschema.Structural
	schema     apiservervalidation.SchemaValidator
	cel        *cel.Validator
}

// Validator validates objects of the kinds of a set of CRDs.
type Validator struct {
	kinds map[schema.GroupVersionKind]*Kind
}

var (
	shippedOnce sync.Once
	shipped     *Validator
	shippedErr  error
)

// Shipped returns the validator of the CRDs embedded in the binary (config/crd/bases).
func Shipped() (*Validator, error) {
	shippedOnce.Do(func() { shipped, shippedErr = New(crd.Bases) })
	return shipped, shippedErr
}

// New reads every *.yaml CRD in fsys (recursively) and prepares its served versions.
func New(fsys fs.FS) (*Validator, error) {
	v := &Validator{kinds: map[schema.GroupVersionKind]*Kind{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		c := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(data, c); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if c.Kind != "CustomResourceDefinition" {
			return nil
		}
		return v.add(c)
	})
	return v, err
}

func (v *Validator) add(c *apiextensionsv1.CustomResourceDefinition) error {
	for _, ver := range c.Spec.Versions {
		if !ver.Served || ver.Schema == nil {
			continue
		}
		internal := &apiextensions.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(ver.Schema, internal, nil); err != nil {
			return fmt.Errorf("CRD %s version %s: %w", c.Name, ver.Name, err)
		}
		s, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
		if err != nil {
			return fmt.Errorf("CRD %s version %s is not structural: %w", c.Name, ver.Name, err)
		}
		s = s.DeepCopy()
		if err := structuraldefaulting.PruneDefaults(s); err != nil {
			return fmt.Errorf("CRD %s version %s: %w", c.Name, ver.Name, err)
		}
		sv, _, err := apiservervalidation.NewSchemaValidator(internal.OpenAPIV3Schema)
		if err != nil {
			return fmt.Errorf("CRD %s version %s: %w", c.Name, ver.Name, err)
		}
		gvk := schema.GroupVersionKind{Group: c.Spec.Group, Version: ver.Name, Kind: c.Spec.Names.Kind}
		v.kinds[gvk] = &Kind{
			GVK:        gvk,
			Plural:     c.Spec.Names.Plural,
			Namespaced: c.Spec.Scope == apiextensionsv1.NamespaceScoped,
			structural: s,
			schema:     sv,
			cel:        cel.NewValidator(s, true, celconfig.PerCallLimit),
		}
	}
	return nil
}

// Kind returns what the validator knows of gvk; nil for a kind it does not serve.
func (v *Validator) Kind(gvk schema.GroupVersionKind) *Kind { return v.kinds[gvk] }

// Groups returns the API groups the validator serves.
func (v *Validator) Groups() []string {
	seen := map[string]bool{}
	var out []string
	for gvk := range v.kinds {
		if !seen[gvk.Group] {
			seen[gvk.Group] = true
			out = append(out, gvk.Group)
		}
	}
	sort.Strings(out)
	return out
}

// Kinds lists the kinds served for group, sorted.
func (v *Validator) Kinds(group string) []string {
	var out []string
	for gvk := range v.kinds {
		if gvk.Group == group {
			out = append(out, gvk.Kind)
		}
	}
	sort.Strings(out)
	return out
}

// Validate checks obj as a create request would. It returns the object as the API server
// would store it (pruned, defaulted, status dropped since the kinds have a status
// subresource) and every problem found. obj is not changed. defaultNamespace is the
// namespace kubectl would send a namespaced object that names none to.
func (v *Validator) Validate(ctx context.Context, obj map[string]interface{}, defaultNamespace string) (map[string]interface{}, []Error) {
	apiVersion, _ := obj["apiVersion"].(string)
	kindName, _ := obj["kind"].(string)
	gvk := schema.FromAPIVersionAndKind(apiVersion, kindName)
	k := v.kinds[gvk]
	if k == nil {
		return nil, []Error{{Field: "kind", Source: SourceSchema,
			Message: fmt.Sprintf("kind: Invalid value: %q: no kind %q is served in %s", kindName, kindName, apiVersion),
			Detail:  fmt.Sprintf("no kind %q in %s: use one of %s", kindName, apiVersion, strings.Join(v.Kinds(gvk.Group), ", "))}}
	}
	u := runtime.DeepCopyJSON(obj)
	var errs []Error

	// What the request decoder does: strict field validation, pruning, defaulting.
	objectMeta, _, unknownMeta, err := schemaobjectmeta.GetObjectMetaWithOptions(u, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return nil, []Error{{Field: "metadata", Source: SourceSchema, Message: "metadata: Invalid value: " + err.Error(), Detail: err.Error()}}
	}
	unknown := append(unknownMeta, structuralpruning.PruneWithOptions(u, k.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	for _, p := range unknown {
		errs = append(errs, Error{Field: p, Source: SourceUnknownField,
			Message: fmt.Sprintf("unknown field %q", p),
			Detail:  fmt.Sprintf("unknown field %q: the %s schema has no such field (check its spelling and indentation)", p, kindName)})
	}
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u, k.structural)
	structuraldefaulting.Default(u, k.structural)
	if objectMeta != nil {
		if k.Namespaced && objectMeta.Namespace == "" {
			objectMeta.Namespace = defaultNamespace
		}
		if err := schemaobjectmeta.SetObjectMeta(u, objectMeta); err != nil {
			return nil, append(errs, Error{Field: "metadata", Source: SourceSchema, Message: "metadata: " + err.Error(), Detail: err.Error()})
		}
	}
	// What the strategy does on create: status belongs to the status subresource.
	delete(u, "status")

	var fieldErrs field.ErrorList
	meta := objectMeta
	if meta == nil {
		meta = &metav1.ObjectMeta{}
		if k.Namespaced {
			meta.Namespace = defaultNamespace
		}
	}
	fieldErrs = append(fieldErrs, apimachineryvalidation.ValidateObjectMetaAccessor(meta, k.Namespaced, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))...)
	fieldErrs = append(fieldErrs, apiservervalidation.ValidateCustomResource(nil, u, k.schema)...)
	fieldErrs = append(fieldErrs, schemaobjectmeta.Validate(ctx, nil, u, k.structural, false)...)
	fieldErrs = append(fieldErrs, structurallisttype.ValidateListSetsAndMaps(nil, k.structural, u)...)
	errs = append(errs, convert(fieldErrs, SourceSchema)...)
	if blocking(fieldErrs) {
		errs = append(errs, Error{Field: "", Source: SourceCEL, NotChecked: true,
			Message: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
			Detail:  "the CEL rules (x-kubernetes-validations) were not checked because of the other errors; correct them and check again"})
	} else {
		celErrs, _ := k.cel.Validate(ctx, nil, k.structural, u, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, convert(celErrs, SourceCEL)...)
	}
	return u, errs
}

// blocking tells whether the schema errors stop CEL, as the API server decides
// (customresource strategy's hasBlockingErr): CEL rules are not run over missing required
// fields, values of the wrong type, outside their enum, or too long or too many.
func blocking(errs field.ErrorList) bool {
	for _, e := range errs {
		switch e.Type {
		case field.ErrorTypeNotSupported, field.ErrorTypeRequired, field.ErrorTypeTooLong, field.ErrorTypeTooMany, field.ErrorTypeTypeInvalid:
			return true
		}
	}
	return false
}

func convert(errs field.ErrorList, src Source) []Error {
	out := make([]Error, 0, len(errs))
	for _, e := range errs {
		detail := e.Detail
		switch {
		case e.Type == field.ErrorTypeRequired:
			detail = fmt.Sprintf("%s is required", e.Field)
			if e.Detail != "" {
				detail += ": " + e.Detail
			}
		case detail == "":
			detail = e.ErrorBody()
		case src == SourceSchema:
			detail = fmt.Sprintf("%s: %s", e.Field, e.ErrorBody())
		}
		out = append(out, Error{Field: e.Field, Message: e.Error(), Detail: detail, Source: src})
	}
	return out
}
