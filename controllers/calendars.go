package controllers

import (
	"context"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
)

// calendars builds each WorkCalendar once per resourceVersion: every deadline needs one,
// and building expands each covered year into a day table.
type calendars struct {
	client client.Reader
	mu     sync.Mutex
	built  map[string]builtCalendar
}

type builtCalendar struct {
	resourceVersion string
	cal             *calendar.Calendar
	err             error
}

// get returns the named calendar; found is false when no WorkCalendar has that name, and
// buildErr says why its data is unusable.
func (c *calendars) get(ctx context.Context, name string) (cal *calendar.Calendar, found bool, buildErr, err error) {
	wc := &v1alpha1.WorkCalendar{}
	if err := c.client.Get(ctx, types.NamespacedName{Name: name}, wc); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, false, nil, nil
		}
		return nil, false, nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.built[name]; ok && b.resourceVersion == wc.ResourceVersion {
		return b.cal, true, b.err, nil
	}
	built, buildErr := calendar.FromWorkCalendar(name, wc.Spec)
	if c.built == nil {
		c.built = map[string]builtCalendar{}
	}
	c.built[name] = builtCalendar{resourceVersion: wc.ResourceVersion, cal: built, err: buildErr}
	return built, true, buildErr, nil
}
