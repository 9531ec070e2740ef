//go:build !darwin && !windows

package keychain

import (
	"bytes"
	"errors"
	"fmt"
	"os"
)

// machineIDFiles are the files that contain a machine ID, tried in order:
// systemd's, D-Bus's older copy, and the BSDs' host ID.
var machineIDFiles = []string{"/etc/machine-id", "/var/lib/dbus/machine-id", "/etc/hostid"}

// MachineID returns the ID that the operating system generated for this
// installation, from the first of machineIDFiles that is not empty.
func MachineID() ([]byte, error) {
	var errs []error
	for _, path := range machineIDFiles {
		data, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if id := bytes.TrimSpace(data); len(id) > 0 {
			return id, nil
		}
		errs = append(errs, fmt.Errorf("%s is empty", path))
	}
	return nil, fmt.Errorf("keychain: no machine ID found: %w", errors.Join(errs...))
}
