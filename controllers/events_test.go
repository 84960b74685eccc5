package controllers

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/client-go/util/flowcontrol"
)

type countingSink struct{ writes *int }

func (s countingSink) Create(_ context.Context, e *eventsv1.Event) (*eventsv1.Event, error) {
	*s.writes++
	return e, nil
}

func (s countingSink) Update(_ context.Context, e *eventsv1.Event) (*eventsv1.Event, error) {
	*s.writes++
	return e, nil
}

func (s countingSink) Patch(_ context.Context, e *eventsv1.Event, _ []byte) (*eventsv1.Event, error) {
	*s.writes++
	return e, nil
}

// A burst passes at once; beyond it an event waits for its turn, and one that cannot get it
// before its context ends is not written.
func TestPacedSinkLetsTheBurstThroughThenWaits(t *testing.T) {
	writes := 0
	sink := pacedSink{sink: countingSink{&writes}, limiter: flowcontrol.NewTokenBucketRateLimiter(0.001, 2)}
	ctx := context.Background()
	if _, err := sink.Create(ctx, &eventsv1.Event{}); err != nil {
		t.Fatalf("first event of the burst: %v", err)
	}
	if _, err := sink.Patch(ctx, &eventsv1.Event{}, []byte("{}")); err != nil {
		t.Fatalf("second event of the burst: %v", err)
	}
	// The next token comes in 1000 s; a context that ends sooner gives up at once.
	short, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if _, err := sink.Update(short, &eventsv1.Event{}); err == nil {
		t.Fatal("an event beyond the burst was written without waiting for a token")
	}
	if writes != 2 {
		t.Fatalf("the sink saw %d writes, want the 2 of the burst", writes)
	}
}

func TestEventNoteFitsTheAPILimit(t *testing.T) {
	short := "Department 发改局 has no section."
	if got := eventNote(short); got != short {
		t.Errorf("a short message changed: %q", got)
	}
	long := strings.Repeat("发改局、", 200) // 2400 bytes
	got := eventNote(long)
	if len(got) > maxEventNote {
		t.Errorf("note is %d bytes, the API takes %d", len(got), maxEventNote)
	}
	if !utf8.ValidString(got) || !strings.HasPrefix(long, strings.TrimSuffix(got, " … (cut short: the condition has the whole message)")) {
		t.Errorf("note is not a clean cut of the message: %q", got)
	}
}
