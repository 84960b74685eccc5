package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// process is one child: etcd, kube-apiserver or the manager.
type process struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	done    chan struct{}
	err     error
}

// start runs bin with args. Each child gets its own process group, so a Ctrl-C in the
// terminal reaches only this program, which then stops the children in order (manager, API
// server, etcd); and each dies with this program if it is killed outright.
func start(name, bin string, args, env []string, logPath string, stdout io.Writer) (*process, error) {
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Env = append(os.Environ(), env...)
	p := &process{name: name, cmd: cmd, logPath: logPath, done: make(chan struct{})}
	if logPath != "" {
		if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
			return nil, err
		}
		f, err := os.Create(logPath)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		cmd.Stdout, cmd.Stderr = f, f
	} else {
		cmd.Stdout, cmd.Stderr = stdout, stdout
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s (%s): %w", name, bin, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop asks the process to end with SIGTERM and kills it if it has not ended after grace.
func (p *process) stop(grace time.Duration) {
	if p == nil || p.exited() {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// logTail returns the last lines of the process's log, for error messages.
func (p *process) logTail(lines int) string {
	data, err := os.ReadFile(p.logPath)
	if err != nil {
		return ""
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return "  " + strings.Join(all, "\n  ")
}

// waitReady polls ready until it succeeds, the process exits, or timeout passes, and says
// which in an error that quotes the process's log.
func (p *process) waitReady(ctx context.Context, timeout time.Duration, ready func(context.Context) error) error {
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		if p.exited() {
			return fmt.Errorf("%s exited during startup (%v); last lines of %s:\n%s", p.name, p.err, p.logPath, p.logTail(15))
		}
		probeCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
		last = ready(probeCtx)
		cancel()
		if last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s did not become ready within %s (last check: %v); last lines of %s:\n%s", p.name, timeout, last, p.logPath, p.logTail(15))
}

// checkPortFree fails with a message naming the process that holds a port, if one does.
func checkPortFree(port int, what, envVar string) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err == nil {
		return l.Close()
	}
	holder := "another process"
	if pid, name := portOwner(port); pid != 0 {
		holder = fmt.Sprintf("process %d (%s)", pid, name)
	}
	return fmt.Errorf("port %d, wanted for %s, is already in use by %s.\n"+
		"  If it is left over from an earlier `make run`, stop it (kill %s); otherwise choose another port with %s=<port>",
		port, what, holder, pidOrQuestion(holder), envVar)
}

func pidOrQuestion(holder string) string {
	if f := strings.Fields(holder); len(f) > 1 && f[0] == "process" {
		return f[1]
	}
	return "<pid>"
}

// portOwner finds the process listening on a local TCP port through /proc, best effort.
func portOwner(port int) (int, string) {
	inodes := map[string]bool{}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n")[1:] {
			f := strings.Fields(line)
			// local_address is HEX_IP:HEX_PORT; state 0A is LISTEN.
			if len(f) < 10 || f[3] != "0A" {
				continue
			}
			if i := strings.LastIndex(f[1], ":"); i >= 0 {
				if p, err := strconv.ParseInt(f[1][i+1:], 16, 32); err == nil && int(p) == port {
					inodes[f[9]] = true
				}
			}
		}
	}
	if len(inodes) == 0 {
		return 0, ""
	}
	procs, _ := os.ReadDir("/proc")
	for _, d := range procs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		fds, _ := os.ReadDir(filepath.Join("/proc", d.Name(), "fd"))
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join("/proc", d.Name(), "fd", fd.Name()))
			if err == nil && strings.HasPrefix(link, "socket:[") && inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] {
				comm, _ := os.ReadFile(filepath.Join("/proc", d.Name(), "comm"))
				return pid, string(bytes.TrimSpace(comm))
			}
		}
	}
	return 0, ""
}

// lockState takes an exclusive lock on the state directory, so two `make run`s never share
// one etcd data directory.
func lockState(dir string) (*os.File, error) {
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		owner, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another `make run` (pid %s) is using the local control plane in %s; stop it first, or set ONESTOP_STATE_DIR to run a second one",
				strings.TrimSpace(string(owner)), dir)
		}
		return nil, err
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}
