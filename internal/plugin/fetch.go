package plugin

import (
	"context"
	"fmt"
	"io"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/calendar"
	"onestop.dev/onestop/internal/plugin/county"
)

// fetchCounty reads a namespace's organisation and catalog (not its cases, which may be
// many) and the cluster's calendars into a snapshot.
func fetchCounty(ctx context.Context, c client.Client, ns string) (*county.Snapshot, error) {
	cals, err := fetchCalendars(ctx, c, nil)
	if apierrors.IsForbidden(err) {
		return nil, fmt.Errorf("cannot read the WorkCalendars that deadlines count on (%w): they are cluster-scoped, so bind onestop-inspector with a ClusterRoleBinding", err)
	}
	if err != nil {
		return nil, err
	}
	s := county.New(ns, cals)
	depts := &v1alpha1.DepartmentList{}
	sections := &v1alpha1.ApprovalSectionList{}
	windows := &v1alpha1.ServiceWindowList{}
	centers := &v1alpha1.ServiceCenterList{}
	items := &v1alpha1.ApprovalItemList{}
	for _, l := range []client.ObjectList{depts, sections, windows, centers, items} {
		if err := c.List(ctx, l, client.InNamespace(ns)); err != nil {
			return nil, err
		}
	}
	for i := range depts.Items {
		s.Add(&depts.Items[i])
	}
	for i := range sections.Items {
		s.Add(&sections.Items[i])
	}
	for i := range windows.Items {
		s.Add(&windows.Items[i])
	}
	for i := range centers.Items {
		s.Add(&centers.Items[i])
	}
	for i := range items.Items {
		s.Add(&items.Items[i])
	}
	return s, nil
}

// fetchCalendars lists the cluster's WorkCalendars. A user bound to onestop's roles in one
// namespace only (a RoleBinding) may not read these cluster-scoped objects: then no
// calendar is known, and warn says so.
func fetchCalendars(ctx context.Context, c client.Client, warn io.Writer) (map[string]*v1alpha1.WorkCalendar, error) {
	list := &v1alpha1.WorkCalendarList{}
	if err := c.List(ctx, list); err != nil {
		if apierrors.IsForbidden(err) && warn != nil {
			fmt.Fprintf(warn, "warning: cannot read WorkCalendars (%v): times show in UTC and working days are not counted; bind onestop-inspector with a ClusterRoleBinding to read them\n", err)
			return map[string]*v1alpha1.WorkCalendar{}, nil
		}
		return nil, err
	}
	out := map[string]*v1alpha1.WorkCalendar{}
	for i := range list.Items {
		out[list.Items[i].Name] = &list.Items[i]
	}
	return out, nil
}

// zones tells the time zone of each calendar, building each once.
type zones struct {
	calendars map[string]*v1alpha1.WorkCalendar
	built     map[string]*time.Location
}

func (z *zones) of(name string) *time.Location {
	if loc, ok := z.built[name]; ok {
		return loc
	}
	if z.built == nil {
		z.built = map[string]*time.Location{}
	}
	var loc *time.Location
	if wc, ok := z.calendars[name]; ok {
		if loc2, err := time.LoadLocation(wc.Spec.TimeZone); err == nil {
			loc = loc2
		}
	}
	z.built[name] = loc
	return loc
}

// calendarOf builds a calendar from the snapshot.
func calendarOf(s *county.Snapshot, name string) (*calendar.Calendar, bool, error) {
	return s.Calendar(name)
}
