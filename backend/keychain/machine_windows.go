package keychain

import (
	"errors"
	"strings"

	"golang.org/x/sys/windows/registry"
)

// MachineID returns the MachineGuid that Windows creates at installation,
// read from the 64-bit view of the registry so that a 32-bit build reads
// the same value.
func MachineID() ([]byte, error) {
	key, err := registry.OpenKey(registry.LOCAL_MACHINE, `SOFTWARE\Microsoft\Cryptography`,
		registry.QUERY_VALUE|registry.WOW64_64KEY)
	if err != nil {
		return nil, err
	}
	defer key.Close()

	guid, _, err := key.GetStringValue("MachineGuid")
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(guid) == "" {
		return nil, errors.New("keychain: MachineGuid is empty")
	}
	return []byte(guid), nil
}
