// Package envtest runs onestop's reconcilers against a real kube-apiserver and etcd, built
// by hack/controlplane-build.sh; `make test` sets KUBEBUILDER_ASSETS. Without them the suite
// fails: it never skips.
package envtest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/controllers"
)

var (
	testEnv   *envtest.Environment
	cfg       *rest.Config
	scheme    = runtime.NewScheme()
	k8sClient client.Client
	clk       = &movingClock{}
	// stopManager stops the running manager and waits until it has.
	stopManager func()
)

// movingClock runs at real speed from an instant a test sets, so the RequeueAfter timers the
// reconcilers return fire in real time while the test chooses the date.
type movingClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *movingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *movingClock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// SetTime makes Now return t, and move on from there.
func (c *movingClock) SetTime(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = time.Until(t)
}

// startManager runs the manager with every onestop reconciler, as the binary does, and sets
// stopManager.
func startManager() { startManagerServingMetrics("0") }

// startManagerServingMetrics is startManager serving metrics on addr ("0": none).
func startManagerServingMetrics(addr string) {
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme:  scheme,
		Metrics: metricsserver.Options{BindAddress: addr},
		Cache:   cache.Options{DefaultTransform: controllers.CacheTransform()},
		// Each start registers the same controller names again.
		Controller: config.Controller{SkipNameValidation: ptr.To(true)},
	})
	Expect(err).NotTo(HaveOccurred())
	ctx, cancel := context.WithCancel(context.Background())
	Expect(controllers.SetupAll(ctx, mgr, controllers.Options{Clock: clk})).To(Succeed())
	done := make(chan struct{})
	go func() {
		defer GinkgoRecover()
		defer close(done)
		Expect(mgr.Start(ctx)).To(Succeed())
	}()
	stopManager = func() {
		cancel()
		<-done
	}
}

func TestEnvtest(t *testing.T) {
	RegisterFailHandler(Fail)
	SetDefaultEventuallyTimeout(30 * time.Second)
	SetDefaultEventuallyPollingInterval(100 * time.Millisecond)
	RunSpecs(t, "onestop controllers against a real API server")
}

var _ = BeforeSuite(func() {
	logf.SetLogger(zap.New(zap.WriteTo(GinkgoWriter), zap.UseDevMode(true)))

	testEnv = &envtest.Environment{
		CRDDirectoryPaths:     []string{filepath.Join("..", "..", "config", "crd", "bases")},
		ErrorIfCRDPathMissing: true,
	}
	var err error
	cfg, err = testEnv.Start()
	Expect(err).NotTo(HaveOccurred(), "starting etcd and kube-apiserver: run the suite through `make test`, which builds them and sets KUBEBUILDER_ASSETS")

	Expect(clientgoscheme.AddToScheme(scheme)).To(Succeed())
	Expect(v1alpha1.AddToScheme(scheme)).To(Succeed())
	k8sClient, err = client.New(cfg, client.Options{Scheme: scheme})
	Expect(err).NotTo(HaveOccurred())

	// Every center counts on the sample calendar, and every case write passes the shipped
	// admission policy, as in the seed county.
	applyFile(context.Background(), filepath.Join("..", "..", "config", "samples", "base", "calendars.yaml"), "")
	applyFile(context.Background(), filepath.Join("..", "..", "config", "admission", "recorded-acts.yaml"), "")

	clk.SetTime(time.Date(2008, 12, 3, 9, 0, 0, 0, time.UTC))
	startManager()
})

var _ = AfterSuite(func() {
	if stopManager != nil {
		stopManager()
	}
	if testEnv != nil {
		Expect(testEnv.Stop()).To(Succeed())
	}
})
