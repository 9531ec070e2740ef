//go:build bench

// Command startup measures how long desktop apps take from exec to their
// first rendered frame on an Xvfb screen, and how much memory their
// process trees use once they have settled. It compares an app with a
// baseline, run in turns, and prints the medians and their ratios.
// scripts/bench-startup.sh builds both apps and runs it under Xvfb.
//
// Usage:
//
//	go run -tags bench ./bench/startup -fb DIR/Xvfb_screen0 APP_LABEL=BINARY BASELINE_LABEL=BINARY
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

// options are the command-line settings.
type options struct {
	framebuffer  string
	runs         int
	warmups      int
	settle       time.Duration
	interval     time.Duration
	timeout      time.Duration
	minColours   int
	shotDir      string
	paintBudget  float64
	memoryBudget float64
}

// app is a binary under measurement.
type app struct {
	label  string
	binary string
}

func main() {
	var opts options
	flag.StringVar(&opts.framebuffer, "fb", "", "Xvfb's framebuffer file, DIR/Xvfb_screen0 for Xvfb -fbdir DIR (required)")
	flag.IntVar(&opts.runs, "runs", 5, "measured runs of each app")
	flag.IntVar(&opts.warmups, "warmup", 1, "unmeasured runs of each app first, to load the binaries and libraries into the page cache")
	flag.DurationVar(&opts.settle, "settle", 3*time.Second, "wait after the first paint before the memory is measured")
	flag.DurationVar(&opts.interval, "interval", 20*time.Millisecond, "time between two reads of the framebuffer")
	flag.DurationVar(&opts.timeout, "timeout", 30*time.Second, "maximum wait for the first paint")
	flag.IntVar(&opts.minColours, "min-colours", 64, "distinct colours on the screen that count as a rendered page")
	flag.StringVar(&opts.shotDir, "shots", "", "directory for the XWD frame of each app's first paint; none when empty")
	flag.Float64Var(&opts.paintBudget, "paint-budget", 1.5, "maximum ratio of the app's median first paint to the baseline's")
	flag.Float64Var(&opts.memoryBudget, "memory-budget", 1.3, "maximum ratio of the app's median memory to the baseline's")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: startup -fb DIR/Xvfb_screen0 [flags] APP_LABEL=BINARY BASELINE_LABEL=BINARY")
		flag.PrintDefaults()
	}
	flag.Parse()

	apps, err := parseApps(flag.Args())
	switch {
	case err != nil:
	case opts.framebuffer == "":
		err = errors.New("missing -fb: pass Xvfb's framebuffer file")
	case opts.runs < 1:
		err = fmt.Errorf("invalid -runs %d: measure at least 1 run", opts.runs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		flag.Usage()
		os.Exit(2)
	}
	if err := run(opts, apps); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

// parseApps reads the two LABEL=BINARY arguments.
func parseApps(args []string) ([]app, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("got %d apps, want 2: the app and the baseline", len(args))
	}
	var apps []app
	for _, arg := range args {
		label, binary, ok := strings.Cut(arg, "=")
		if !ok || label == "" || binary == "" {
			return nil, fmt.Errorf("invalid app %q: use LABEL=BINARY", arg)
		}
		if _, err := os.Stat(binary); err != nil {
			return nil, fmt.Errorf("app %s: %w", label, err)
		}
		apps = append(apps, app{label: label, binary: binary})
	}
	return apps, nil
}

// run measures the apps in turns, so that a slow phase of the machine
// affects both alike, and prints every run and the summary.
func run(opts options, apps []app) error {
	scr, err := openScreen(opts.framebuffer)
	if err != nil {
		return err
	}
	defer scr.Close()

	results := map[string][]measurement{}
	total := opts.warmups + opts.runs
	for i := range total {
		for _, a := range apps {
			shot := ""
			if i == opts.warmups && opts.shotDir != "" {
				shot = fmt.Sprintf("%s/startup-%s.xwd", opts.shotDir, a.label)
			}
			m, err := measure(scr, opts, a, shot)
			if err != nil {
				return fmt.Errorf("%s, run %d: %w", a.label, i+1, err)
			}
			kind := "measured"
			if i < opts.warmups {
				kind = "warm-up"
			} else {
				results[a.label] = append(results[a.label], m)
			}
			fmt.Printf("run %d/%d (%s) %-11s first paint %5.0f ms  RSS %5.1f MB  PSS %5.1f MB  USS %5.1f MB  processes: %s\n",
				i+1, total, kind, a.label, ms(m.firstPaint), m.rssMB(), m.pssMB(), m.ussMB(), strings.Join(m.processes, ", "))
		}
	}
	printSummary(opts, apps, results)
	return nil
}
