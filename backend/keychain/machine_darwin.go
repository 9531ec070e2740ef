package keychain

import (
	"bytes"
	"errors"
	"os/exec"
	"regexp"
)

// platformUUID matches the IOPlatformUUID line of ioreg's output.
var platformUUID = regexp.MustCompile(`"IOPlatformUUID" = "([^"]+)"`)

// MachineID returns the hardware UUID of the Mac, as
// `ioreg -rd1 -c IOPlatformExpertDevice` prints it.
func MachineID() ([]byte, error) {
	out, err := exec.Command("ioreg", "-rd1", "-c", "IOPlatformExpertDevice").Output()
	if err != nil {
		return nil, err
	}
	match := platformUUID.FindSubmatch(out)
	if match == nil || len(bytes.TrimSpace(match[1])) == 0 {
		return nil, errors.New("keychain: ioreg printed no IOPlatformUUID")
	}
	return match[1], nil
}
