//go:build bench

package main

import (
	"fmt"
	"slices"
)

// printSummary prints the median, minimum and maximum of each app's
// first paint and memory, and the ratios of the first app's medians to
// the second's with their budgets.
func printSummary(opts options, apps []app, results map[string][]measurement) {
	fmt.Printf("\n%d measured runs of each app after %d warm-up, first paint read every %s, memory %s after it\n",
		opts.runs, opts.warmups, opts.interval, opts.settle)
	row := "%-11s %-22s %-22s %-22s %-22s\n"
	fmt.Printf(row, "", "first paint ms", "RSS MB", "PSS MB", "USS MB")
	fmt.Printf(row, "", "median (min-max)", "median (min-max)", "median (min-max)", "median (min-max)")
	metrics := []func(measurement) float64{
		func(m measurement) float64 { return ms(m.firstPaint) },
		measurement.rssMB, measurement.pssMB, measurement.ussMB,
	}
	medians := map[string][]float64{}
	for _, a := range apps {
		var cells []any
		for _, metric := range metrics {
			s := stats(results[a.label], metric)
			cells = append(cells, s.String())
			medians[a.label] = append(medians[a.label], s.median)
		}
		fmt.Printf(row, append([]any{a.label}, cells...)...)
	}

	app, baseline := medians[apps[0].label], medians[apps[1].label]
	fmt.Printf("\nratio %s / %s of the medians:\n", apps[0].label, apps[1].label)
	printRatio("first paint", app[0]/baseline[0], opts.paintBudget)
	printRatio("memory (RSS)", app[1]/baseline[1], opts.memoryBudget)
	printRatio("memory (PSS)", app[2]/baseline[2], opts.memoryBudget)
	printRatio("memory (USS)", app[3]/baseline[3], opts.memoryBudget)
}

func printRatio(metric string, ratio, budget float64) {
	verdict := "within budget"
	if ratio > budget {
		verdict = "OVER BUDGET"
	}
	fmt.Printf("  %-14s %5.2f  budget %.2f: %s\n", metric, ratio, budget, verdict)
}

// summary is the median, minimum and maximum of one metric.
type summary struct{ median, low, high float64 }

func (s summary) String() string {
	return fmt.Sprintf("%.1f (%.1f-%.1f)", s.median, s.low, s.high)
}

func stats(runs []measurement, metric func(measurement) float64) summary {
	values := make([]float64, len(runs))
	for i, m := range runs {
		values[i] = metric(m)
	}
	slices.Sort(values)
	mid := len(values) / 2
	median := values[mid]
	if len(values)%2 == 0 {
		median = (values[mid-1] + values[mid]) / 2
	}
	return summary{median: median, low: values[0], high: values[len(values)-1]}
}
