// Package conditions turns what onestop's checks found into status conditions and tells which
// conditions changed, so that reconcilers write conditions one way and emit an event only when
// a condition changes.
//
// Anomalies are "abnormal-true" conditions: present and True only while the anomaly holds.
// Ready summarises: True when nothing is wrong, else False with the most important finding.
// Reconciling is True while onestop waits for an object that may still appear; Stalled is True
// when only a change to the spec can help. Both follow kstatus, so `kubectl wait`, Flux and
// Argo CD read the object correctly.
package conditions

import (
	"slices"

	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"onestop.dev/onestop/api/v1alpha1"
)

// Condition types every kind carries, named here for brevity.
const (
	Ready       = v1alpha1.ConditionReady
	Reconciling = v1alpha1.ConditionReconciling
	Stalled     = v1alpha1.ConditionStalled
)

// Finding is a condition that holds now: an anomaly, a missing dependency or a spec error.
type Finding struct {
	// Type is the condition type: an anomaly such as OverCapacity, or Reconciling or Stalled.
	Type string
	// Reason is a CamelCase constant.
	Reason string
	// Message tells a county official what is wrong and what to do.
	Message string
}

// Report is what a reconciler found on one object.
type Report struct {
	// Generation is the metadata.generation the findings describe.
	Generation int64
	// Now stamps conditions whose status changes.
	Now time.Time
	// Anomalies is every abnormal-true type this kind can carry; those without a finding are
	// removed from the object.
	Anomalies []string
	// Findings hold now, most important first: the first one becomes Ready's reason.
	Findings []Finding
	// ReadyReason and ReadyMessage describe the object when nothing is wrong.
	ReadyReason, ReadyMessage string
	// StallOnAnomaly: the object's anomalies last until a person changes something, so the
	// first one is also reported as Stalled and kstatus reads the object as Failed, with the
	// anomaly's message, instead of waiting for it as InProgress.
	StallOnAnomaly bool
	// Final: the object's outcome is settled (a decided case). Its anomalies stay as a
	// record, but Ready stays True: nothing is in progress and nothing can be fixed.
	Final bool
}

// Apply returns the object's conditions after r: every finding True, every anomaly type and
// kstatus condition without a finding removed, and Ready as the summary. Conditions that keep
// their status keep their lastTransitionTime, so an unchanged object yields an unchanged list.
func Apply(current []metav1.Condition, r Report) []metav1.Condition {
	out := make([]metav1.Condition, len(current))
	copy(out, current)

	findings := merge(r.Findings)
	if len(findings) > 0 && r.StallOnAnomaly && !r.Final && !hasType(findings, Reconciling) && !hasType(findings, Stalled) {
		first := findings[0]
		findings = append(findings, Finding{Type: Stalled, Reason: first.Reason, Message: first.Message})
	}
	found := map[string]bool{}
	for _, f := range findings {
		found[f.Type] = true
		set(&out, r, f.Type, metav1.ConditionTrue, f.Reason, f.Message)
	}
	for _, t := range append([]string{Reconciling, Stalled}, r.Anomalies...) {
		if !found[t] {
			meta.RemoveStatusCondition(&out, t)
		}
	}
	live := findings
	if r.Final {
		live = nil
		for _, f := range findings {
			if f.Type == Reconciling || f.Type == Stalled {
				live = append(live, f)
			}
		}
	}
	if len(live) == 0 {
		set(&out, r, Ready, metav1.ConditionTrue, r.ReadyReason, r.ReadyMessage)
	} else {
		first := live[0]
		set(&out, r, Ready, metav1.ConditionFalse, first.Reason, first.Message)
	}
	return out
}

func hasType(findings []Finding, t string) bool {
	for _, f := range findings {
		if f.Type == t {
			return true
		}
	}
	return false
}

// merge folds findings of one type into one condition: the first reason, every message.
func merge(findings []Finding) []Finding {
	var out []Finding
	at := map[string]int{}
	for _, f := range findings {
		if i, ok := at[f.Type]; ok {
			out[i].Message += " " + f.Message
			continue
		}
		at[f.Type] = len(out)
		out = append(out, f)
	}
	return out
}

func set(conds *[]metav1.Condition, r Report, t string, s metav1.ConditionStatus, reason, message string) {
	meta.SetStatusCondition(conds, metav1.Condition{
		Type:               t,
		Status:             s,
		Reason:             reason,
		Message:            message,
		ObservedGeneration: r.Generation,
		LastTransitionTime: metav1.NewTime(r.Now),
	})
}

// Change is one condition change worth an event.
type Change struct {
	Type    string
	Reason  string
	Message string
	// Abnormal: the new state is something to warn about (Ready False, any other type True
	// but good news).
	Abnormal bool
}

// Changes lists the condition changes worth an event between before and after: a condition
// that appeared, changed status or reason, or was removed. A changed message alone is not a
// change, since messages carry counts that move without news. Reconciling is never reported
// (Ready carries the same news), and Ready is reported only when no other change in the list
// already gives its reason or warns: one anomaly, or one decision by law, gives one event
// (events are API writes, and a burst of deadlines is a burst of them). The types in goodNews
// (a plan's Completed, an assessment's Finalized) are milestones: True is not a warning.
func Changes(before, after []metav1.Condition, goodNews ...string) []Change {
	var out []Change
	var ready *Change
	for _, a := range after {
		b := meta.FindStatusCondition(before, a.Type)
		if a.Type == Reconciling || mirrors(after, a) || (b != nil && b.Status == a.Status && b.Reason == a.Reason) {
			continue
		}
		// A new object that is fine from the start is no news: its status says so, and an
		// event for each of thousands of new cases would double the writes they cost.
		if b == nil && a.Type == Ready && a.Status == metav1.ConditionTrue {
			continue
		}
		c := Change{Type: a.Type, Reason: a.Reason, Message: a.Message,
			Abnormal: a.Status == metav1.ConditionTrue && !slices.Contains(goodNews, a.Type)}
		if a.Type == Ready {
			c.Abnormal = a.Status != metav1.ConditionTrue
			ready = &c
			continue
		}
		out = append(out, c)
	}
	for _, b := range before {
		if b.Type != Ready && b.Type != Reconciling && !mirrors(before, b) && meta.FindStatusCondition(after, b.Type) == nil {
			out = append(out, Change{Type: b.Type, Reason: b.Type + "Resolved", Message: b.Type + " no longer holds: " + b.Message})
		}
	}
	if ready != nil {
		for _, c := range out {
			if c.Reason == ready.Reason || c.Abnormal {
				return out
			}
		}
		out = append(out, *ready)
	}
	return out
}

// mirrors tells whether c is a Stalled condition that repeats an anomaly of the same list:
// the anomaly's own event says it.
func mirrors(list []metav1.Condition, c metav1.Condition) bool {
	if c.Type != Stalled {
		return false
	}
	for _, o := range list {
		if o.Type != Stalled && o.Type != Ready && o.Reason == c.Reason {
			return true
		}
	}
	return false
}
