// Package testenv holds helpers that several test packages share. Only
// tests import it.
package testenv

import (
	"net"
	"testing"
)

// FreePorts returns n loopback ports that were free a moment ago, for a
// sandbox's redirect URIs and the listener that serves them. Another
// process may take a port in between; the auth listener then moves to the
// next one, as it does for users.
func FreePorts(tb testing.TB, n int) []int {
	tb.Helper()
	ports := make([]int, 0, n)
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatalf("finding a free port: %v", err)
		}
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
		ln.Close()
	}
	return ports
}
