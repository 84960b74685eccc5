// Command manager runs the onestop controllers.
package main

import (
	"flag"
	"fmt"
	"os"
	// The jurisdiction's zone must load in images without zoneinfo files.
	_ "time/tzdata"

	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/utils/clock"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/controllers"
)

func main() {
	var (
		metricsAddr string
		probeAddr   string
		leaderElect bool
		eventQPS    float64
		eventBurst  int
	)
	flag.StringVar(&metricsAddr, "metrics-bind-address", ":8080", "Address the Prometheus metrics endpoint binds to; \"0\" turns it off.")
	flag.StringVar(&probeAddr, "health-probe-bind-address", ":8081", "Address the /healthz and /readyz probes bind to.")
	flag.BoolVar(&leaderElect, "leader-elect", false, "Elect a leader among replicas, so that only one writes decisions.")
	flag.Float64Var(&eventQPS, "event-qps", controllers.DefaultEventsPerSecond, "Event writes per second at most: in a burst of deadlines the decisions are written first and their events follow.")
	flag.IntVar(&eventBurst, "event-burst", controllers.DefaultEventBurst, "Event writes allowed at once before --event-qps applies.")
	zapOpts := zap.Options{}
	zapOpts.BindFlags(flag.CommandLine)
	flag.Parse()
	ctrl.SetLogger(zap.New(zap.UseFlagOptions(&zapOpts)))
	log := ctrl.Log.WithName("setup")

	if eventQPS <= 0 || eventBurst <= 0 {
		log.Error(nil, "--event-qps and --event-burst must be positive", "event-qps", eventQPS, "event-burst", eventBurst)
		os.Exit(2)
	}
	if err := run(metricsAddr, probeAddr, leaderElect, controllers.Options{
		Clock: clock.RealClock{}, EventsPerSecond: float32(eventQPS), EventBurst: eventBurst, NoFigureMetrics: metricsAddr == "0",
	}); err != nil {
		log.Error(err, "Manager stopped")
		os.Exit(1)
	}
}

func run(metricsAddr, probeAddr string, leaderElect bool, opts controllers.Options) error {
	scheme := runtime.NewScheme()
	utilruntime.Must(clientgoscheme.AddToScheme(scheme))
	utilruntime.Must(v1alpha1.AddToScheme(scheme))

	cfg, err := ctrl.GetConfig()
	if err != nil {
		return fmt.Errorf("finding a cluster: %w (set KUBECONFIG, or run `make run` to start a local control plane)", err)
	}
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme:                 scheme,
		Metrics:                metricsserver.Options{BindAddress: metricsAddr},
		HealthProbeBindAddress: probeAddr,
		LeaderElection:         leaderElect,
		LeaderElectionID:       "onestop-manager.reform.onestop.dev",
		// Managed fields and kubectl's last-applied copy are a large share of every object
		// and no reconciler reads them.
		Cache: cache.Options{DefaultTransform: controllers.CacheTransform()},
	})
	if err != nil {
		return fmt.Errorf("creating the manager: %w", err)
	}
	ctx := ctrl.SetupSignalHandler()
	if err := controllers.SetupAll(ctx, mgr, opts); err != nil {
		return fmt.Errorf("registering controllers: %w", err)
	}
	if err := mgr.AddHealthzCheck("healthz", healthz.Ping); err != nil {
		return err
	}
	if err := mgr.AddReadyzCheck("readyz", healthz.Ping); err != nil {
		return err
	}
	ctrl.Log.WithName("setup").Info("Starting the manager", "metrics", metricsAddr, "probes", probeAddr, "leaderElection", leaderElect)
	return mgr.Start(ctx)
}
