//go:build bench

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// stopTimeout bounds the wait for an app to exit after SIGTERM, before it
// is killed.
const stopTimeout = 5 * time.Second

// measurement is one run of an app.
type measurement struct {
	firstPaint time.Duration
	treeMemory
}

// rssMB, pssMB and ussMB convert the KiB that the kernel reports to MB of
// 10^6 bytes.
func (m measurement) rssMB() float64 { return float64(m.rssKiB) * 1024 / 1e6 }
func (m measurement) pssMB() float64 { return float64(m.pssKiB) * 1024 / 1e6 }
func (m measurement) ussMB() float64 { return float64(m.ussKiB) * 1024 / 1e6 }

// measure starts a, times its first paint, waits opts.settle, measures
// its memory and stops it. The app gets an empty home directory, so it
// finds no settings, caches or saved window geometry from an earlier run.
func measure(scr *screen, opts options, a app, shot string) (measurement, error) {
	if err := waitForBlank(scr, opts); err != nil {
		return measurement{}, err
	}
	home, err := os.MkdirTemp("", "bench-startup-home-")
	if err != nil {
		return measurement{}, err
	}
	defer os.RemoveAll(home)

	cmd := exec.Command(a.binary)
	cmd.Env = append(os.Environ(),
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"),
	)
	logPath := filepath.Join(home, "output.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return measurement{}, err
	}
	defer logFile.Close()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}

	started := time.Now()
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer stop(cmd.Process.Pid, exited)

	paint, err := waitForPaint(scr, opts, started, exited, shot)
	if err != nil {
		output, _ := os.ReadFile(logPath)
		return measurement{}, fmt.Errorf("%w; the app's output:\n%s", err, output)
	}
	time.Sleep(opts.settle)
	memory, err := measureTree(cmd.Process.Pid)
	if err != nil {
		return measurement{}, err
	}
	return measurement{firstPaint: paint, treeMemory: memory}, nil
}

// waitForPaint reads the screen every opts.interval until it has at least
// opts.minColours colours, and returns the time since started. The result
// is late by up to one interval plus the time of one read.
func waitForPaint(scr *screen, opts options, started time.Time, exited <-chan error, shot string) (time.Duration, error) {
	for {
		frame, err := scr.capture()
		if err != nil {
			return 0, err
		}
		colours, err := countColours(frame, opts.minColours)
		if err != nil {
			return 0, err
		}
		elapsed := time.Since(started)
		if colours >= opts.minColours {
			if shot != "" {
				if err := os.WriteFile(shot, frame, 0o644); err != nil {
					return 0, err
				}
			}
			return elapsed, nil
		}
		if elapsed > opts.timeout {
			return 0, fmt.Errorf("no frame with %d colours within %s, the last had %d", opts.minColours, opts.timeout, colours)
		}
		select {
		case err := <-exited:
			return 0, fmt.Errorf("the app exited before its first paint: %v", err)
		case <-time.After(opts.interval):
		}
	}
}

// waitForBlank waits until the screen shows no rendered page, so that the
// window of the previous run cannot count as this run's first paint.
func waitForBlank(scr *screen, opts options) error {
	deadline := time.Now().Add(stopTimeout)
	for {
		frame, err := scr.capture()
		if err != nil {
			return err
		}
		colours, err := countColours(frame, opts.minColours)
		if err != nil {
			return err
		}
		if colours < opts.minColours {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("the screen still shows a rendered page before the start: another app is running on this display")
		}
		time.Sleep(opts.interval)
	}
}

// stop ends the app's process group, which includes WebKitGTK's child
// processes, with SIGTERM, waits for them to exit, and sends SIGKILL to
// what is left after stopTimeout.
func stop(pgid int, exited <-chan error) {
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(stopTimeout):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-exited
	}
	// A zombie that no process reaps still counts as a member of the group, so
	// the wait is bounded.
	deadline := time.Now().Add(stopTimeout)
	for syscall.Kill(-pgid, 0) == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if syscall.Kill(-pgid, 0) == nil {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	}
}

func ms(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}
