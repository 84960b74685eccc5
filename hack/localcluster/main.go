// Command localcluster is what `make run` runs. With a kubeconfig that reaches a cluster, it
// installs onestop's CRDs there and runs the manager against it. Otherwise (or with --local)
// it starts etcd and kube-apiserver on loopback with state that survives restarts, writes a
// kubeconfig to a fixed path, installs the CRDs, applies the samples and runs the manager in
// the foreground. Ctrl-C stops everything it started, in order.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

type options struct {
	assets, manager, crds, admission, samples, stateDir string
	local                                               bool
	apiserverPort, etcdPort, etcdPeerPort               int
	metricsPort, probePort                              int
}

func main() {
	o := options{}
	flag.StringVar(&o.assets, "assets", "", "Directory with etcd, kube-apiserver and kubectl (make envtest-assets prints it).")
	flag.StringVar(&o.manager, "manager", "bin/manager", "The manager binary to run.")
	flag.StringVar(&o.crds, "crds", "config/crd/bases", "CRDs to install.")
	flag.StringVar(&o.admission, "admission", "config/admission", "Kustomization of the admission policies to install.")
	flag.StringVar(&o.samples, "samples", "config/samples", "Kustomization applied to a local control plane.")
	flag.BoolVar(&o.local, "local", os.Getenv("LOCAL") == "1", "Start a local control plane even if KUBECONFIG reaches a cluster.")
	flag.StringVar(&o.stateDir, "state-dir", defaultStateDir(), "Where the local control plane keeps etcd data, certificates, logs and its kubeconfig (env ONESTOP_STATE_DIR).")
	flag.IntVar(&o.apiserverPort, "apiserver-port", envInt("ONESTOP_APISERVER_PORT", 16443), "Local kube-apiserver port (env ONESTOP_APISERVER_PORT).")
	flag.IntVar(&o.etcdPort, "etcd-port", envInt("ONESTOP_ETCD_PORT", 12379), "Local etcd client port; the peer port is the next one (env ONESTOP_ETCD_PORT).")
	flag.IntVar(&o.metricsPort, "metrics-port", envInt("ONESTOP_METRICS_PORT", 18080), "Manager metrics port (env ONESTOP_METRICS_PORT).")
	flag.IntVar(&o.probePort, "probe-port", envInt("ONESTOP_PROBE_PORT", 18081), "Manager health probe port (env ONESTOP_PROBE_PORT).")
	flag.Parse()
	o.etcdPeerPort = o.etcdPort + 1

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintf(os.Stderr, "\nmake run: %v\n", err)
		os.Exit(1)
	}
}

func defaultStateDir() string {
	if d := os.Getenv("ONESTOP_STATE_DIR"); d != "" {
		return d
	}
	base := os.Getenv("XDG_STATE_HOME")
	if base == "" {
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(base, "onestop", "local")
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func say(format string, args ...any) { fmt.Printf(">> "+format+"\n", args...) }

func run(ctx context.Context, o options) error {
	if o.assets == "" {
		return errors.New("--assets is required: the directory `make envtest-assets` prints")
	}
	kubectl := filepath.Join(o.assets, "kubectl")
	localKubeconfig := filepath.Join(o.stateDir, "kubeconfig")

	if !o.local {
		if cfg, where, ok := reachableCluster(localKubeconfig); ok {
			say("Using the cluster in %s (%s); LOCAL=1 starts a local control plane instead.", where, cfg.Host)
			if err := installCRDs(ctx, kubectl, "", o.crds); err != nil {
				return err
			}
			if err := kubectlRun(ctx, kubectl, "", "apply", "--server-side", "--force-conflicts", "-k", o.admission); err != nil {
				return fmt.Errorf("installing the admission policies: %w", err)
			}
			say("Samples are not applied to a cluster you brought; apply them with: kubectl apply -k %s", o.samples)
			return runManager(ctx, o, nil, nil)
		}
	}

	if err := os.MkdirAll(o.stateDir, 0o755); err != nil {
		return err
	}
	lock, err := lockState(o.stateDir)
	if err != nil {
		return err
	}
	defer lock.Close()
	defer say("Stopped everything make run started; the objects stay in %s for the next run.", o.stateDir)
	for _, p := range []struct {
		port      int
		what, env string
	}{
		{o.etcdPort, "etcd", "ONESTOP_ETCD_PORT"},
		{o.etcdPeerPort, "etcd peers", "ONESTOP_ETCD_PORT"},
		{o.apiserverPort, "kube-apiserver", "ONESTOP_APISERVER_PORT"},
		{o.metricsPort, "the manager's metrics", "ONESTOP_METRICS_PORT"},
		{o.probePort, "the manager's health probes", "ONESTOP_PROBE_PORT"},
	} {
		if err := checkPortFree(p.port, p.what, p.env); err != nil {
			return err
		}
	}
	certs := pki{dir: filepath.Join(o.stateDir, "pki")}
	if err := certs.ensure(); err != nil {
		return fmt.Errorf("creating certificates in %s: %w", certs.dir, err)
	}
	_, statErr := os.Stat(filepath.Join(o.stateDir, "etcd", "member"))
	if statErr == nil {
		say("Starting the local control plane with the objects kept in %s.", o.stateDir)
	} else {
		say("Starting a new local control plane; its state stays in %s across runs.", o.stateDir)
	}

	etcd, err := startEtcd(ctx, o)
	defer etcd.stop(10 * time.Second)
	if err != nil {
		return err
	}
	apiserver, err := startAPIServer(ctx, o, certs)
	defer apiserver.stop(15 * time.Second)
	if err != nil {
		return err
	}
	if err := writeKubeconfig(localKubeconfig, o.apiserverPort, certs); err != nil {
		return err
	}
	if err := installCRDs(ctx, kubectl, localKubeconfig, o.crds); err != nil {
		return err
	}
	say("Installing the admission policies in %s.", o.admission)
	if err := kubectlRun(ctx, kubectl, localKubeconfig, "apply", "--server-side", "--force-conflicts", "-k", o.admission); err != nil {
		return fmt.Errorf("installing the admission policies: %w", err)
	}
	if _, err := os.Stat(filepath.Join(o.samples, "kustomization.yaml")); err == nil {
		say("Applying the samples in %s.", o.samples)
		// Client-side apply, as administrators do, so that `kubectl apply -k` of an overlay on
		// top (config/samples/anomalies) can remove the fields it leaves out.
		// As a record importer: the sample cases carry acts recorded by the county's staff,
		// which the admission policy otherwise lets only those staff write.
		if err := kubectlRun(ctx, kubectl, localKubeconfig, "apply", "-k", o.samples,
			"--as=onestop-samples", "--as-group=system:masters", "--as-group=onestop:record-importers"); err != nil {
			return fmt.Errorf("applying the samples: %w", err)
		}
	}
	// Printed once the manager has looked at every sample, so the first command typed shows
	// what onestop computed, not objects still waiting for it.
	ready := func() {
		if err := waitObserved(ctx, localKubeconfig, 90*time.Second); err != nil {
			say("Not every object is reconciled yet (%v); status may still change.", err)
		}
		say("The local control plane is up and the samples are reconciled. In another terminal:")
		fmt.Printf("\n    export KUBECONFIG=%s\n    kubectl get onestop -A\n\n", localKubeconfig)
	}
	return runManager(ctx, o, []string{"KUBECONFIG=" + localKubeconfig}, ready)
}

// waitObserved waits until every onestop object reports status.observedGeneration equal to
// its metadata.generation: the manager has reconciled what is declared.
func waitObserved(ctx context.Context, kubeconfig string, timeout time.Duration) error {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return err
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return err
	}
	resources, err := dc.ServerResourcesForGroupVersion("reform.onestop.dev/v1alpha1")
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for {
		pending, err := unobserved(ctx, dyn, resources.APIResources)
		if err == nil && pending == "" {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return err
			}
			return fmt.Errorf("still waiting for %s", pending)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// unobserved names one object the manager has not yet reconciled, or returns "".
func unobserved(ctx context.Context, dyn dynamic.Interface, resources []metav1.APIResource) (string, error) {
	for _, r := range resources {
		if strings.Contains(r.Name, "/") {
			continue
		}
		gvr := schema.GroupVersionResource{Group: "reform.onestop.dev", Version: "v1alpha1", Resource: r.Name}
		list, err := dyn.Resource(gvr).List(ctx, metav1.ListOptions{})
		if err != nil {
			return "", err
		}
		for _, item := range list.Items {
			observed, _, _ := unstructured.NestedInt64(item.Object, "status", "observedGeneration")
			if observed != item.GetGeneration() {
				return fmt.Sprintf("%s %s/%s", r.Kind, item.GetNamespace(), item.GetName()), nil
			}
		}
	}
	return "", nil
}

// reachableCluster loads the usual kubeconfig (KUBECONFIG or ~/.kube/config) and tells
// whether it reaches a cluster other than our own stopped local one.
func reachableCluster(localKubeconfig string) (*rest.Config, string, bool) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	loader := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{})
	where := rules.GetDefaultFilename()
	if where == localKubeconfig {
		return nil, "", false
	}
	cfg, err := loader.ClientConfig()
	if err != nil {
		say("No usable kubeconfig (%v): starting a local control plane.", short(err))
		return nil, "", false
	}
	cfg.Timeout = 5 * time.Second
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err == nil {
		_, err = dc.ServerVersion()
	}
	if err != nil {
		say("The cluster in %s (%s) does not answer (%v): starting a local control plane instead.", where, cfg.Host, short(err))
		return nil, "", false
	}
	return cfg, where, true
}

func short(err error) string {
	s := err.Error()
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return s
}

func startEtcd(ctx context.Context, o options) (*process, error) {
	client := fmt.Sprintf("http://127.0.0.1:%d", o.etcdPort)
	peer := fmt.Sprintf("http://127.0.0.1:%d", o.etcdPeerPort)
	p, err := start("etcd", filepath.Join(o.assets, "etcd"), []string{
		"--name=onestop",
		"--data-dir=" + filepath.Join(o.stateDir, "etcd"),
		"--listen-client-urls=" + client,
		"--advertise-client-urls=" + client,
		"--listen-peer-urls=" + peer,
		"--initial-advertise-peer-urls=" + peer,
		"--initial-cluster=onestop=" + peer,
		"--listen-metrics-urls=",
	}, nil, filepath.Join(o.stateDir, "logs", "etcd.log"), nil)
	if err != nil {
		return nil, err
	}
	say("etcd is starting on 127.0.0.1:%d (log: %s).", o.etcdPort, p.logPath)
	return p, p.waitReady(ctx, 30*time.Second, func(ctx context.Context) error {
		return httpOK(ctx, http.DefaultClient, client+"/health")
	})
}

func startAPIServer(ctx context.Context, o options, certs pki) (*process, error) {
	p, err := start("kube-apiserver", filepath.Join(o.assets, "kube-apiserver"), []string{
		"--etcd-servers=" + fmt.Sprintf("http://127.0.0.1:%d", o.etcdPort),
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		// Loopback cannot be advertised through the endpoint reconciler; nothing needs it here.
		"--endpoint-reconciler-type=none",
		"--secure-port=" + strconv.Itoa(o.apiserverPort),
		"--tls-cert-file=" + certs.path("apiserver.crt"),
		"--tls-private-key-file=" + certs.path("apiserver.key"),
		"--client-ca-file=" + certs.path("ca.crt"),
		"--service-account-key-file=" + certs.path("sa.pub"),
		"--service-account-signing-key-file=" + certs.path("sa.key"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--authorization-mode=RBAC",
		"--service-cluster-ip-range=10.0.0.0/24",
		// No controller-manager runs here to create default service accounts.
		"--disable-admission-plugins=ServiceAccount",
		"--allow-privileged=true",
	}, nil, filepath.Join(o.stateDir, "logs", "kube-apiserver.log"), nil)
	if err != nil {
		return nil, err
	}
	say("kube-apiserver is starting on https://127.0.0.1:%d (log: %s).", o.apiserverPort, p.logPath)
	client, err := adminHTTPClient(certs)
	if err != nil {
		return p, err
	}
	return p, p.waitReady(ctx, 90*time.Second, func(ctx context.Context) error {
		return httpOK(ctx, client, fmt.Sprintf("https://127.0.0.1:%d/readyz", o.apiserverPort))
	})
}

func adminHTTPClient(certs pki) (*http.Client, error) {
	pair, err := tls.LoadX509KeyPair(certs.path("admin.crt"), certs.path("admin.key"))
	if err != nil {
		return nil, err
	}
	caPEM, err := os.ReadFile(certs.path("ca.crt"))
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
		Certificates: []tls.Certificate{pair}, RootCAs: pool, MinVersion: tls.VersionTLS12,
	}}}, nil
}

func httpOK(ctx context.Context, client *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}

func writeKubeconfig(path string, port int, certs pki) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["onestop-local"] = &clientcmdapi.Cluster{
		Server:               fmt.Sprintf("https://127.0.0.1:%d", port),
		CertificateAuthority: certs.path("ca.crt"),
	}
	cfg.AuthInfos["onestop-admin"] = &clientcmdapi.AuthInfo{
		ClientCertificate: certs.path("admin.crt"),
		ClientKey:         certs.path("admin.key"),
	}
	cfg.Contexts["onestop-local"] = &clientcmdapi.Context{Cluster: "onestop-local", AuthInfo: "onestop-admin", Namespace: "default"}
	cfg.CurrentContext = "onestop-local"
	return clientcmd.WriteToFile(*cfg, path)
}

func installCRDs(ctx context.Context, kubectl, kubeconfig, dir string) error {
	say("Installing the CRDs in %s.", dir)
	if err := kubectlRun(ctx, kubectl, kubeconfig, "apply", "--server-side", "--force-conflicts", "-f", dir); err != nil {
		return fmt.Errorf("installing the CRDs: %w", err)
	}
	if err := kubectlRun(ctx, kubectl, kubeconfig, "wait", "--for=condition=Established", "--timeout=60s", "-f", dir); err != nil {
		return fmt.Errorf("waiting for the CRDs to be established: %w", err)
	}
	return nil
}

func kubectlRun(ctx context.Context, kubectl, kubeconfig string, args ...string) error {
	cmd := exec.CommandContext(ctx, kubectl, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	if kubeconfig != "" {
		cmd.Env = append(cmd.Env, "KUBECONFIG="+kubeconfig)
	}
	return cmd.Run()
}

// runManager runs the manager in the foreground until it exits or a signal arrives, then
// stops it with one SIGTERM (a second signal would make it exit without cleaning up).
func runManager(ctx context.Context, o options, env []string, started func()) error {
	say("Starting the manager (%s). Ctrl-C stops everything make run started.", o.manager)
	m, err := start("manager", o.manager, []string{
		"--metrics-bind-address=" + fmt.Sprintf("127.0.0.1:%d", o.metricsPort),
		"--health-probe-bind-address=" + fmt.Sprintf("127.0.0.1:%d", o.probePort),
		"--zap-devel",
	}, env, "", os.Stdout)
	if err != nil {
		return err
	}
	if started != nil {
		go started()
	}
	select {
	case <-m.done:
		return fmt.Errorf("the manager exited: %v", m.err)
	case <-ctx.Done():
		say("Stopping the manager, then the control plane.")
		m.stop(20 * time.Second)
		return nil
	}
}
