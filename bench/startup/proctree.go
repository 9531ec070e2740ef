//go:build bench

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// treeMemory is the memory of a process and all its descendants, such as
// WebKitGTK's web and network processes.
type treeMemory struct {
	// rssKiB is the sum of VmRSS, which counts a shared page in every
	// process that maps it.
	rssKiB int

	// pssKiB is the sum of Pss, which splits a shared page among the
	// processes that map it. Unrelated processes that map the same
	// libraries, such as another WebKitGTK app, lower it.
	pssKiB int

	// ussKiB is the sum of the private pages, Private_Clean and
	// Private_Dirty, which no other process maps. Pages that the tree's
	// own processes share are left out.
	ussKiB int

	processes []string
}

// measureTree sums the memory of root and every process below it.
func measureTree(root int) (treeMemory, error) {
	var total treeMemory
	for _, pid := range descendants(root) {
		name, rss, err := statusFields(pid)
		if err != nil {
			continue // the process exited in the meantime
		}
		pss, uss, err := rollup(pid)
		if err != nil {
			continue
		}
		total.rssKiB += rss
		total.pssKiB += pss
		total.ussKiB += uss
		total.processes = append(total.processes, programName(pid, name))
	}
	if len(total.processes) == 0 {
		return total, fmt.Errorf("process %d has exited", root)
	}
	slices.Sort(total.processes)
	return total, nil
}

// descendants returns root and the PIDs of every process below it.
func descendants(root int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, entry := range entries {
		pid, err := strconv.Atoi(entry.Name())
		if err != nil {
			continue
		}
		if ppid, ok := parentPID(pid); ok {
			children[ppid] = append(children[ppid], pid)
		}
	}

	tree := []int{root}
	for i := 0; i < len(tree); i++ {
		tree = append(tree, children[tree[i]]...)
	}
	return tree
}

// parentPID reads the fourth field of /proc/PID/stat. The second field,
// the command name in parentheses, may contain spaces, so the fields are
// counted from its closing parenthesis.
func parentPID(pid int) (int, bool) {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, false
	}
	closing := bytes.LastIndexByte(stat, ')')
	if closing < 0 {
		return 0, false
	}
	fields := strings.Fields(string(stat[closing+1:]))
	if len(fields) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(fields[1])
	return ppid, err == nil
}

// programName returns the file name of the program that process pid runs,
// or name when its command line cannot be read. The Name of
// /proc/PID/status is cut at 15 characters, as in WebKitNetworkPr.
func programName(pid int, name string) string {
	cmdline, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	program, _, _ := bytes.Cut(cmdline, []byte{0})
	if err != nil || len(program) == 0 {
		return name
	}
	return filepath.Base(string(program))
}

// statusFields returns the Name and the VmRSS in KiB of /proc/PID/status.
func statusFields(pid int) (string, int, error) {
	values, err := readKeyed(filepath.Join("/proc", strconv.Itoa(pid), "status"), "Name", "VmRSS")
	if err != nil {
		return "", 0, err
	}
	rss, err := kibValue(values["VmRSS"])
	return values["Name"], rss, err
}

// rollup returns the Pss and the sum of Private_Clean and Private_Dirty,
// in KiB, of /proc/PID/smaps_rollup.
func rollup(pid int) (pss, uss int, err error) {
	values, err := readKeyed(filepath.Join("/proc", strconv.Itoa(pid), "smaps_rollup"),
		"Pss", "Private_Clean", "Private_Dirty")
	if err != nil {
		return 0, 0, err
	}
	var kib [3]int
	for i, key := range []string{"Pss", "Private_Clean", "Private_Dirty"} {
		if kib[i], err = kibValue(values[key]); err != nil {
			return 0, 0, fmt.Errorf("invalid %s %q in smaps_rollup of process %d: %w", key, values[key], pid, err)
		}
	}
	return kib[0], kib[1] + kib[2], nil
}

// readKeyed returns the values of the "Key: value" lines of a /proc file
// whose keys are in keys.
func readKeyed(path string, keys ...string) (map[string]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()

	values := map[string]string{}
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		key, value, ok := strings.Cut(scanner.Text(), ":")
		if ok && slices.Contains(keys, key) {
			values[key] = strings.TrimSpace(value)
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	for _, key := range keys {
		if _, ok := values[key]; !ok {
			return nil, fmt.Errorf("%s has no %s line", path, key)
		}
	}
	return values, nil
}

// kibValue parses a value such as "123456 kB", which the kernel counts in
// KiB.
func kibValue(value string) (int, error) {
	number, _, _ := strings.Cut(value, " ")
	return strconv.Atoi(number)
}
