package controllers

import (
	"context"

	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/events"
	"k8s.io/client-go/util/flowcontrol"
	ctrl "sigs.k8s.io/controller-runtime"
)

// Default pace of event writes: far above what a county produces in a normal minute, well
// below what the API server takes in a burst of deadlines.
const (
	DefaultEventsPerSecond = 50
	DefaultEventBurst      = 100
)

// pacedSink writes events no faster than its limiter allows. The events library writes each
// event from its own goroutine as soon as it is recorded, so a burst of a thousand deadlines
// would send a thousand event writes at once, crowding out the decisions themselves (status
// writes, which the law times). Paced, the decisions land first and their events follow; the
// events are the audit trail, the status is the record.
type pacedSink struct {
	sink    events.EventSink
	limiter flowcontrol.RateLimiter
}

func (s pacedSink) Create(ctx context.Context, e *eventsv1.Event) (*eventsv1.Event, error) {
	if err := s.limiter.Wait(ctx); err != nil {
		return nil, err
	}
	return s.sink.Create(ctx, e)
}

func (s pacedSink) Update(ctx context.Context, e *eventsv1.Event) (*eventsv1.Event, error) {
	if err := s.limiter.Wait(ctx); err != nil {
		return nil, err
	}
	return s.sink.Update(ctx, e)
}

func (s pacedSink) Patch(ctx context.Context, e *eventsv1.Event, data []byte) (*eventsv1.Event, error) {
	if err := s.limiter.Wait(ctx); err != nil {
		return nil, err
	}
	return s.sink.Patch(ctx, e, data)
}

// newEventBroadcaster records events through a paced sink until ctx ends.
func newEventBroadcaster(ctx context.Context, mgr ctrl.Manager, perSecond float32, burst int) (events.EventBroadcaster, error) {
	cs, err := kubernetes.NewForConfigAndClient(mgr.GetConfig(), mgr.GetHTTPClient())
	if err != nil {
		return nil, err
	}
	b := events.NewBroadcaster(pacedSink{
		sink:    &events.EventSinkImpl{Interface: cs.EventsV1()},
		limiter: flowcontrol.NewTokenBucketRateLimiter(perSecond, burst),
	})
	if err := b.StartRecordingToSinkWithContext(ctx); err != nil {
		return nil, err
	}
	go func() {
		<-ctx.Done()
		b.Shutdown()
	}()
	return b, nil
}
