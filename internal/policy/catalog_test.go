package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/conditions"
)

// catalogItem is 建设局's construction permit: category 3, Active, to be handled in the
// Center.
func catalogItem() ItemFacts {
	return ItemFacts{
		Name: "js-003",
		Spec: v1alpha1.ApprovalItemSpec{
			Code:               "JS-003",
			DisplayName:        "建筑工程施工许可",
			Department:         "construction",
			ApprovalType:       v1alpha1.ApprovalLicensing,
			Category:           3,
			StatutoryLimitDays: 20,
			PromisedLimitDays:  10,
			Relocation:         v1alpha1.Relocation{Mode: v1alpha1.RelocationRequired},
			Center:             "county-center",
			SilencePolicy:      v1alpha1.SilenceNone,
			Lifecycle:          v1alpha1.Lifecycle{State: v1alpha1.LifecycleActive},
			LegalBasis:         "《建筑法》第七条",
		},
	}
}

// catalogItemWith returns catalogItem changed by change.
func catalogItemWith(change func(*ItemFacts)) ItemFacts {
	f := catalogItem()
	change(&f)
	return f
}

// withCode gives an item another code, category and lifecycle state, for the counts.
func withCode(code string, category int32, state v1alpha1.LifecycleState, mode v1alpha1.RelocationMode) ItemFacts {
	return catalogItemWith(func(f *ItemFacts) {
		f.Name = code
		f.Spec.Code = code
		f.Spec.Category = category
		if category != 3 {
			f.Spec.PromisedLimitDays = 0
		}
		f.Spec.Lifecycle.State = state
		if state != v1alpha1.LifecycleActive {
			f.Spec.Lifecycle.Decision = "县政府令第5号"
		}
		f.Spec.Relocation.Mode = mode
		if mode == v1alpha1.RelocationExempt {
			f.Spec.Relocation.ExemptReason = "需现场勘验"
		}
	})
}

// Placements of 建设局.
var (
	// inCenter has one window in the Center.
	inCenter = Placement{Windows: map[string]string{"construction-a01": "county-center"}}
	// elsewhere has a window only in a sub-center, not the item's center.
	elsewhere = Placement{Windows: map[string]string{"construction-r01": "real-estate"}}
	// hostsRealEstate runs the real-estate trading sub-center and has no window.
	hostsRealEstate = Placement{Hosted: []string{"real-estate"}}
)

func TestCounted(t *testing.T) {
	cases := map[string]struct {
		state v1alpha1.LifecycleState
		want  bool
	}{
		"active items count":                     {state: v1alpha1.LifecycleActive, want: true},
		"suspended items count":                  {state: v1alpha1.LifecycleSuspended, want: true},
		"abolished items never count":            {state: v1alpha1.LifecycleAbolished},
		"an unset state counts as not abolished": {state: "", want: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			spec := catalogItem().Spec
			spec.Lifecycle.State = tc.state
			if got := Counted(spec); got != tc.want {
				t.Errorf("Counted(state %q) = %v, want %v", tc.state, got, tc.want)
			}
		})
	}
}

func TestRelocated(t *testing.T) {
	type result struct {
		Relocated bool
		Via       string
	}
	realEstateItem := catalogItemWith(func(f *ItemFacts) { f.Spec.Center = "real-estate" })
	cases := map[string]struct {
		item ItemFacts
		p    Placement
		want result
	}{
		"a window in the item's center": {
			item: catalogItem(),
			p:    inCenter,
			want: result{true, "construction-a01"},
		},
		"several windows in the center: the alphabetically first is named": {
			item: catalogItem(),
			p: Placement{Windows: map[string]string{
				"construction-a03": "county-center",
				"construction-a01": "county-center",
				"construction-a02": "county-center",
				"construction-0r1": "real-estate",
			}},
			want: result{true, "construction-a01"},
		},
		"windows elsewhere do not count, the one in the center does": {
			item: catalogItem(),
			p:    Placement{Windows: map[string]string{"construction-r01": "real-estate", "construction-b09": "county-center"}},
			want: result{true, "construction-b09"},
		},
		"a sub-center the department hosts relocates it through no window": {
			item: realEstateItem,
			p:    hostsRealEstate,
			want: result{true, ""},
		},
		"a window in the hosted sub-center is named rather than the sub-center": {
			item: realEstateItem,
			p:    Placement{Windows: map[string]string{"construction-r01": "real-estate"}, Hosted: []string{"real-estate"}},
			want: result{true, "construction-r01"},
		},
		"hosting another sub-center does not relocate the item": {
			item: catalogItem(),
			p:    hostsRealEstate,
		},
		"not relocated: the only window is in another center": {
			item: catalogItem(),
			p:    elsewhere,
		},
		"not relocated: no windows, hosts nothing": {
			item: catalogItem(),
		},
		"exempt items are never relocated, even with a window in the center": {
			item: withCode("JS-009", 3, v1alpha1.LifecycleActive, v1alpha1.RelocationExempt),
			p:    inCenter,
		},
		"a Required item with no center is not relocated, even by a window with no center": {
			item: catalogItemWith(func(f *ItemFacts) { f.Spec.Center = "" }),
			p:    Placement{Windows: map[string]string{"construction-a01": ""}, Hosted: []string{""}},
		},
		// Relocated looks at relocation only; abolished items are left out by its callers.
		"an abolished item with a window is relocated as far as Relocated can tell": {
			item: withCode("JS-010", 3, v1alpha1.LifecycleAbolished, v1alpha1.RelocationRequired),
			p:    inCenter,
			want: result{true, "construction-a01"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ok, via := Relocated(tc.item.Spec, tc.p)
			if diff := cmp.Diff(tc.want, result{ok, via}); diff != "" {
				t.Errorf("Relocated() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestItemRelocation(t *testing.T) {
	cases := map[string]struct {
		item ItemFacts
		p    Placement
		want *conditions.Finding
	}{
		"relocated through a window": {item: catalogItem(), p: inCenter},
		"relocated through a hosted sub-center": {
			item: catalogItemWith(func(f *ItemFacts) { f.Spec.Center = "real-estate" }),
			p:    hostsRealEstate,
		},
		"exempt items hold without a window": {
			item: withCode("JS-009", 3, v1alpha1.LifecycleActive, v1alpha1.RelocationExempt),
		},
		"abolished items are out of the rule even when they are not relocated": {
			item: withCode("JS-010", 3, v1alpha1.LifecycleAbolished, v1alpha1.RelocationRequired),
			p:    elsewhere,
		},
		"not relocated: the window is in another center": {
			item: catalogItem(),
			p:    elsewhere,
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionNotRelocated,
				Reason:  v1alpha1.ConditionNotRelocated,
				Message: "Item JS-003 建筑工程施工许可 must be handled in center county-center, but 建设局 (construction) has no window there: declare a ServiceWindow for it in county-center, or mark the item Exempt with the reason.",
			},
		},
		"suspended items still must relocate": {
			item: withCode("JS-011", 3, v1alpha1.LifecycleSuspended, v1alpha1.RelocationRequired),
			want: &conditions.Finding{Type: v1alpha1.ConditionNotRelocated, Reason: v1alpha1.ConditionNotRelocated},
		},
		"a sub-center item without its host or a window there": {
			item: catalogItemWith(func(f *ItemFacts) { f.Spec.Center = "real-estate" }),
			p:    inCenter,
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionNotRelocated,
				Reason:  v1alpha1.ConditionNotRelocated,
				Message: "Item JS-003 建筑工程施工许可 must be handled in center real-estate, but 建设局 (construction) has no window there: declare a ServiceWindow for it in real-estate, or mark the item Exempt with the reason.",
			},
		},
		// The API server rejects a Required item without a center; should one get through,
		// the rule reports it as not relocated rather than relocated nowhere. The message,
		// which then names an empty center, is left unpinned: see the report.
		"a Required item with no center is not relocated": {
			item: catalogItemWith(func(f *ItemFacts) { f.Spec.Center = "" }),
			p:    inCenter,
			want: &conditions.Finding{Type: v1alpha1.ConditionNotRelocated, Reason: v1alpha1.ConditionNotRelocated},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := ItemRelocation(tc.item, construction, tc.p)
			if diff := cmp.Diff(tc.want, pinnedOne(tc.want, got)); diff != "" {
				t.Errorf("ItemRelocation() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestItemCatalog(t *testing.T) {
	resolved := CatalogRefs{DepartmentExists: true, CenterExists: true}
	withCoApprovers := catalogItemWith(func(f *ItemFacts) {
		f.Spec.CoApprovers = []v1alpha1.CoApprover{{Department: "land", LimitDays: 10}, {Department: "environment", LimitDays: 10}}
	})
	cases := map[string]struct {
		item ItemFacts
		refs CatalogRefs
		want *conditions.Finding
	}{
		"every reference resolves and the code is unique": {item: withCoApprovers, refs: resolved},
		"an item without a center does not need one to exist": {
			item: catalogItemWith(func(f *ItemFacts) {
				f.Spec.Relocation = v1alpha1.Relocation{Mode: v1alpha1.RelocationExempt, ExemptReason: "需现场勘验"}
				f.Spec.Center = ""
			}),
			refs: CatalogRefs{DepartmentExists: true},
		},
		"department missing": {
			item: catalogItem(),
			refs: CatalogRefs{CenterExists: true},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionCatalogInvalid,
				Reason:  v1alpha1.ConditionCatalogInvalid,
				Message: `Catalog entry JS-003 建筑工程施工许可 is invalid: department "construction" does not exist (create it or correct spec.department).`,
			},
		},
		"center missing": {
			item: catalogItem(),
			refs: CatalogRefs{DepartmentExists: true},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionCatalogInvalid,
				Reason:  v1alpha1.ConditionCatalogInvalid,
				Message: `Catalog entry JS-003 建筑工程施工许可 is invalid: center "county-center" does not exist (create it or correct spec.center).`,
			},
		},
		"co-approvers missing": {
			item: withCoApprovers,
			refs: CatalogRefs{DepartmentExists: true, CenterExists: true, MissingCoApprovers: []string{"land", "environment"}},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionCatalogInvalid,
				Reason:  v1alpha1.ConditionCatalogInvalid,
				Message: `Catalog entry JS-003 建筑工程施工许可 is invalid: co-approving departments do not exist: land, environment (correct spec.coApprovers).`,
			},
		},
		"code shared": {
			item: catalogItem(),
			refs: CatalogRefs{DepartmentExists: true, CenterExists: true, SameCode: []string{"js-003-copy"}},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionCatalogInvalid,
				Reason:  v1alpha1.ConditionCatalogInvalid,
				Message: `Catalog entry JS-003 建筑工程施工许可 is invalid: code JS-003 is also used by js-003-copy (give each item its own code).`,
			},
		},
		"all four problems at once, joined by semicolons in rule order": {
			item: withCoApprovers,
			refs: CatalogRefs{MissingCoApprovers: []string{"land"}, SameCode: []string{"js-003-copy", "js-003-old"}},
			want: &conditions.Finding{
				Type:   v1alpha1.ConditionCatalogInvalid,
				Reason: v1alpha1.ConditionCatalogInvalid,
				Message: `Catalog entry JS-003 建筑工程施工许可 is invalid: ` +
					`department "construction" does not exist (create it or correct spec.department); ` +
					`center "county-center" does not exist (create it or correct spec.center); ` +
					`co-approving departments do not exist: land (correct spec.coApprovers); ` +
					`code JS-003 is also used by js-003-copy, js-003-old (give each item its own code).`,
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := ItemCatalog(tc.item, tc.refs)
			if diff := cmp.Diff(tc.want, pinnedOne(tc.want, got)); diff != "" {
				t.Errorf("ItemCatalog() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRelocationSummaryPercent(t *testing.T) {
	cases := map[string]struct {
		s    RelocationSummary
		want int32
	}{
		"nothing required is fully relocated":    {s: RelocationSummary{Total: 2}, want: 100},
		"an empty department is fully relocated": {want: 100},
		"none of three":                          {s: RelocationSummary{Total: 3, Required: 3}, want: 0},
		"one of three rounds down":               {s: RelocationSummary{Total: 3, Required: 3, Relocated: 1}, want: 33},
		"two of three rounds down":               {s: RelocationSummary{Total: 3, Required: 3, Relocated: 2}, want: 66},
		"three of three":                         {s: RelocationSummary{Total: 3, Required: 3, Relocated: 3}, want: 100},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := tc.s.Percent(); got != tc.want {
				t.Errorf("Percent() of %d/%d = %d, want %d", tc.s.Relocated, tc.s.Required, got, tc.want)
			}
		})
	}
}

func TestSummarizeRelocation(t *testing.T) {
	active, suspended, abolished := v1alpha1.LifecycleActive, v1alpha1.LifecycleSuspended, v1alpha1.LifecycleAbolished
	required, exempt := v1alpha1.RelocationRequired, v1alpha1.RelocationExempt
	subCenterItem := catalogItemWith(func(f *ItemFacts) {
		f.Name, f.Spec.Code, f.Spec.Center = "js-020", "JS-020", "real-estate"
	})
	cases := map[string]struct {
		items []ItemFacts
		p     Placement
		want  RelocationSummary
	}{
		"no items": {},
		"three required items, none relocated, listed by code": {
			items: []ItemFacts{
				withCode("JS-003", 3, active, required),
				withCode("JS-001", 1, active, required),
				withCode("JS-002", 2, active, required),
			},
			p: elsewhere,
			want: RelocationSummary{
				Total: 3, Required: 3,
				NotRelocated: []string{"JS-001", "JS-002", "JS-003"},
				Category3:    []string{"JS-003"},
			},
		},
		"a window in the center relocates every required item of the center": {
			items: []ItemFacts{
				withCode("JS-003", 3, active, required),
				withCode("JS-001", 1, active, required),
				withCode("JS-002", 2, active, required),
			},
			p:    inCenter,
			want: RelocationSummary{Total: 3, Required: 3, Relocated: 3, Category3: []string{"JS-003"}},
		},
		"window in the Center and a hosted sub-center: both kinds relocated": {
			items: []ItemFacts{withCode("JS-003", 3, active, required), subCenterItem},
			p:     Placement{Windows: inCenter.Windows, Hosted: hostsRealEstate.Hosted},
			want:  RelocationSummary{Total: 2, Required: 2, Relocated: 2, Category3: []string{"JS-003", "JS-020"}},
		},
		"two of three relocated": {
			items: []ItemFacts{withCode("JS-001", 1, active, required), withCode("JS-002", 2, active, required), subCenterItem},
			p:     inCenter,
			want: RelocationSummary{
				Total: 3, Required: 3, Relocated: 2,
				NotRelocated: []string{"JS-020"},
				Category3:    []string{"JS-020"},
			},
		},
		"exempt items count in Total only": {
			items: []ItemFacts{withCode("JS-001", 1, active, required), withCode("JS-009", 3, active, exempt)},
			want: RelocationSummary{
				Total: 2, Required: 1,
				NotRelocated: []string{"JS-001"},
				Category3:    []string{"JS-009"},
			},
		},
		"abolished items are out of Total, Required, NotRelocated and Category3": {
			items: []ItemFacts{
				withCode("JS-001", 1, active, required),
				withCode("JS-010", 3, abolished, required),
				withCode("JS-012", 1, abolished, exempt),
			},
			want: RelocationSummary{Total: 1, Required: 1, NotRelocated: []string{"JS-001"}},
		},
		"abolished items are out of Relocated too": {
			items: []ItemFacts{withCode("JS-001", 1, active, required), withCode("JS-010", 3, abolished, required)},
			p:     inCenter,
			want:  RelocationSummary{Total: 1, Required: 1, Relocated: 1},
		},
		"suspended items count and must relocate, but are not active category 3": {
			items: []ItemFacts{withCode("JS-011", 3, suspended, required), withCode("JS-003", 3, active, required)},
			want: RelocationSummary{
				Total: 2, Required: 2,
				NotRelocated: []string{"JS-003", "JS-011"},
				Category3:    []string{"JS-003"},
			},
		},
		"only abolished items": {
			items: []ItemFacts{withCode("JS-010", 3, abolished, required)},
			want:  RelocationSummary{},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, SummarizeRelocation(tc.items, tc.p)); diff != "" {
				t.Errorf("SummarizeRelocation() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSummarizeRelocationPercent(t *testing.T) {
	// The department status shows both the fraction and the share; they come from one summary.
	items := []ItemFacts{
		withCode("JS-001", 1, v1alpha1.LifecycleActive, v1alpha1.RelocationRequired),
		withCode("JS-002", 2, v1alpha1.LifecycleActive, v1alpha1.RelocationRequired),
		catalogItemWith(func(f *ItemFacts) { f.Spec.Center = "real-estate" }),
	}
	s := SummarizeRelocation(items, inCenter)
	if s.Relocated != 2 || s.Required != 3 || s.Percent() != 66 {
		t.Errorf("SummarizeRelocation() = %d/%d (%d%%), want 2/3 (66%%)", s.Relocated, s.Required, s.Percent())
	}
}

func TestDepartmentRelocation(t *testing.T) {
	cases := map[string]struct {
		s    RelocationSummary
		want *conditions.Finding
	}{
		"nothing required": {s: RelocationSummary{Total: 2}},
		"everything moved": {s: RelocationSummary{Total: 3, Required: 3, Relocated: 3}},
		"no items at all":  {},
		"none of three moved": {
			s: RelocationSummary{Total: 4, Required: 3, NotRelocated: []string{"JS-001", "JS-002", "JS-003"}},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionNotRelocated,
				Reason:  v1alpha1.ConditionNotRelocated,
				Message: "建设局 (construction) has relocated 0 of 3 items that must be handled in the Center; not yet: JS-001, JS-002, JS-003. Staff a window for them in their centers (see each item's NotRelocated condition).",
			},
		},
		"two of three moved": {
			s: RelocationSummary{Total: 3, Required: 3, Relocated: 2, NotRelocated: []string{"JS-020"}},
			want: &conditions.Finding{
				Type:    v1alpha1.ConditionNotRelocated,
				Reason:  v1alpha1.ConditionNotRelocated,
				Message: "建设局 (construction) has relocated 2 of 3 items that must be handled in the Center; not yet: JS-020. Staff a window for them in their centers (see each item's NotRelocated condition).",
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := DepartmentRelocation(construction, tc.s)
			if diff := cmp.Diff(tc.want, pinnedOne(tc.want, got)); diff != "" {
				t.Errorf("DepartmentRelocation() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
