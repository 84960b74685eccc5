package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// The anchor: kube-controller-manager's Job controller, built from the same k8s.io/kubernetes
// module as the kube-apiserver, enforcing activeDeadlineSeconds on as many Jobs as there are
// lateness cases, with deadlines in the same bursts (one county namespace per minute).
// Parallelism 0: no pod is ever needed, so no scheduler or kubelet either.

type jobStats struct {
	created   time.Duration
	lead      time.Duration // from the controller's start to the first deadline
	w         float64       // a bare client's status merge-patches/s on the Jobs
	lateness  spreadSummary // Failed (DeadlineExceeded) seen by a watch - (startTime + activeDeadlineSeconds)
	perCounty map[string]spreadSummary
	flags     []string
}

// runJobs creates n Jobs over counties (the j-th county's Jobs due a minute after the
// (j-1)-th's), starts kube-controller-manager with only the Job controller, and measures how
// late each Job is failed for its deadline.
func (b *bench) runJobs(ctx context.Context, counties []string, n int, lead time.Duration) (jobStats, error) {
	st := jobStats{perCounty: map[string]spreadSummary{}}
	kcm := filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kube-controller-manager")
	if _, err := os.Stat(kcm); err != nil {
		return st, fmt.Errorf("the Job-controller anchor needs %s: build it with `hack/controlplane-build.sh kube-controller-manager` (make bench does)", kcm)
	}
	for _, ns := range counties {
		if err := createNamespace(ctx, b.cl, ns); err != nil {
			return st, err
		}
	}
	// activeDeadlineSeconds counts from status.startTime, which the Job controller sets when
	// it first syncs a Job. So that the deadlines fall in exact bursts, as the cases' do, the
	// bench sets startTime itself before the controller starts (the API allows setting it
	// once), to one instant for all: the j-th county's Jobs run for 60*(j+1) s from it.
	jobs := make([]*batchv1.Job, n)
	for i := range jobs {
		j := i % len(counties)
		jobs[i] = &batchv1.Job{
			ObjectMeta: metav1.ObjectMeta{Namespace: counties[j], Name: fmt.Sprintf("job-%06d", i), Labels: map[string]string{phaseLabel: "jobs"}},
			Spec: batchv1.JobSpec{
				Parallelism:           ptr.To[int32](0),
				Completions:           ptr.To[int32](1),
				ActiveDeadlineSeconds: ptr.To(int64(60 * (j + 1))),
				Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
					RestartPolicy: corev1.RestartPolicyNever,
					Containers:    []corev1.Container{{Name: "decide", Image: "registry.invalid/never-pulled"}},
				}},
			},
		}
	}
	// Built-in kinds speak protobuf, as kube-controller-manager does: the bare client's W of
	// Jobs is taken with it.
	protoCfg := rest.CopyConfig(b.cfg)
	protoCfg.ContentType = "application/vnd.kubernetes.protobuf"
	protoCfg.AcceptContentTypes = "application/vnd.kubernetes.protobuf,application/json"
	jc, err := client.New(protoCfg, client.Options{Scheme: b.scheme})
	if err != nil {
		return st, err
	}
	start := time.Now()
	if err := parallel(n, b.o.concurrency, func(i int) error { return jc.Create(ctx, jobs[i]) }); err != nil {
		return st, fmt.Errorf("creating Jobs: %w", err)
	}
	st.created = time.Since(start)
	seen := map[string]time.Time{}
	var mu sync.Mutex
	done := make(chan struct{})
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go func() {
		for watchCtx.Err() == nil {
			w, err := b.cl.Watch(watchCtx, &batchv1.JobList{}, client.MatchingLabels{phaseLabel: "jobs"})
			if err != nil {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			for ev := range w.ResultChan() {
				if ev.Type == watch.Error {
					break
				}
				job, ok := ev.Object.(*batchv1.Job)
				if !ok || !deadlineExceeded(job) {
					continue
				}
				mu.Lock()
				key := job.Namespace + "/" + job.Name
				if _, ok := seen[key]; !ok {
					seen[key] = time.Now()
					if len(seen) == n {
						close(done)
					}
				}
				mu.Unlock()
			}
			w.Stop()
		}
	}()

	// Setting startTime costs about what creating did; then the controller gets lead.
	first := time.Now().Add(st.created*3/2 + lead).Truncate(time.Second).Add(time.Second)
	startTime := metav1.NewTime(first.Add(-time.Minute))
	patch := []byte(`{"status":{"startTime":"` + startTime.UTC().Format(time.RFC3339) + `"}}`)
	// These are status merge-patches by a bare client with the same concurrency, watched:
	// the Job controller's own W.
	patchStart := time.Now()
	if err := parallel(n, b.o.concurrency, func(i int) error {
		return jc.Status().Patch(ctx, jobs[i], client.RawPatch(types.MergePatchType, patch))
	}); err != nil {
		return st, fmt.Errorf("setting the Jobs' startTime: %w", err)
	}
	st.w = float64(n) / time.Since(patchStart).Seconds()

	dir, err := os.MkdirTemp("", "onestop-bench-kcm-")
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(dir)
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := os.WriteFile(kubeconfig, b.env.KubeConfig, 0o600); err != nil {
		return st, err
	}
	logFile, err := os.Create(filepath.Join(dir, "kube-controller-manager.log"))
	if err != nil {
		return st, err
	}
	defer logFile.Close()
	// The same client rate limits as the manager's (envtest's rest.Config: QPS 1000, burst
	// 2000) and as many workers as the manager's controllers have.
	st.flags = []string{
		"--kubeconfig=" + kubeconfig,
		"--controllers=job-controller",
		"--leader-elect=false",
		"--secure-port=0",
		"--concurrent-job-syncs=" + strconv.Itoa(b.o.concurrency),
		"--kube-api-qps=1000",
		"--kube-api-burst=2000",
	}
	cmd := exec.Command(kcm, st.flags...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return st, fmt.Errorf("starting kube-controller-manager: %w", err)
	}
	st.lead = time.Until(first)
	logf2("jobs: %d Jobs created in %s; kube-controller-manager started %s before the first deadline", n, st.created.Round(time.Millisecond), st.lead.Round(time.Millisecond))
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}()
	timeout := time.Until(first) + time.Duration(len(counties))*time.Minute + b.o.timeout
	select {
	case <-done:
	case err := <-exited:
		return st, fmt.Errorf("kube-controller-manager exited (%v); its log: %s", err, logFile.Name())
	case <-time.After(timeout):
		mu.Lock()
		got := len(seen)
		mu.Unlock()
		return st, fmt.Errorf("jobs: %d of %d Jobs failed for their deadline after %s", got, n, timeout)
	}

	list := &batchv1.JobList{}
	if err := b.cl.List(ctx, list, client.MatchingLabels{phaseLabel: "jobs"}); err != nil {
		return st, err
	}
	var all []float64
	per := map[string][]float64{}
	mu.Lock()
	for _, job := range list.Items {
		deadline := job.Status.StartTime.Add(time.Duration(*job.Spec.ActiveDeadlineSeconds) * time.Second)
		late := seen[job.Namespace+"/"+job.Name].Sub(deadline).Seconds()
		all = append(all, late)
		per[job.Namespace] = append(per[job.Namespace], late)
	}
	mu.Unlock()
	st.lateness = summarize(all)
	for ns, v := range per {
		st.perCounty[ns] = summarize(v)
	}
	return st, nil
}

// deadlineExceeded: the Job controller has failed the Job for its active deadline (the
// FailureTarget condition comes first, then Failed; either is the decision).
func deadlineExceeded(job *batchv1.Job) bool {
	for _, c := range job.Status.Conditions {
		if (c.Type == batchv1.JobFailed || c.Type == batchv1.JobFailureTarget) && c.Status == corev1.ConditionTrue && c.Reason == batchv1.JobReasonDeadlineExceeded {
			return true
		}
	}
	return false
}
