package keychain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// DefaultChunkSize fits one entry on every platform: under Windows' 2560
// bytes and under macOS's limit after base64 encoding.
const DefaultChunkSize = 2000

// maxChunks bounds how many entries one value may take.
const maxChunks = 16

// chunkHeader starts the first entry of a value that was split. The rest
// of that entry is the number of parts, saved under "key#1" to "key#N".
const chunkHeader = "supaconnect-chunked:"

// Chunked splits values that are too large for one entry of the
// underlying Store into several entries.
type Chunked struct {
	Store Store

	// ChunkSize is the largest part in bytes; DefaultChunkSize when zero.
	ChunkSize int
}

// Get returns the value under key, joining its parts if it was split.
func (c *Chunked) Get(key string) (string, error) {
	first, err := c.Store.Get(key)
	if err != nil || !strings.HasPrefix(first, chunkHeader) {
		return first, err
	}

	n, err := strconv.Atoi(strings.TrimPrefix(first, chunkHeader))
	if err != nil || n < 1 || n > maxChunks {
		return "", fmt.Errorf("keychain: entry %q has a corrupt chunk header", key)
	}
	var b strings.Builder
	for i := 1; i <= n; i++ {
		part, err := c.Store.Get(partKey(key, i))
		if err != nil {
			return "", fmt.Errorf("keychain: reading part %d of %d of %q: %w", i, n, key, err)
		}
		b.WriteString(part)
	}
	return b.String(), nil
}

// Set saves value under key, split into parts when it is larger than the
// chunk size. Parts are written before the header, so a reader never sees
// a header whose parts are missing.
func (c *Chunked) Set(key, value string) error {
	size := c.chunkSize()
	if len(value) <= size && !strings.HasPrefix(value, chunkHeader) {
		if err := c.Store.Set(key, value); err != nil {
			return err
		}
		return c.deleteParts(key, 1)
	}

	n := (len(value) + size - 1) / size
	if n > maxChunks {
		return fmt.Errorf("%w: %d bytes under %q, the limit is %d", ErrTooLarge, len(value), key, size*maxChunks)
	}
	for i := 1; i <= n; i++ {
		part := value[(i-1)*size : min(i*size, len(value))]
		if err := c.Store.Set(partKey(key, i), part); err != nil {
			return err
		}
	}
	if err := c.Store.Set(key, chunkHeader+strconv.Itoa(n)); err != nil {
		return err
	}
	return c.deleteParts(key, n+1)
}

// Delete removes the value under key and all its parts.
func (c *Chunked) Delete(key string) error {
	if err := c.Store.Delete(key); err != nil {
		return err
	}
	return c.deleteParts(key, 1)
}

// deleteParts removes the parts from index first on, left over from an
// earlier, longer value.
func (c *Chunked) deleteParts(key string, first int) error {
	for i := first; i <= maxChunks; i++ {
		if _, err := c.Store.Get(partKey(key, i)); errors.Is(err, ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := c.Store.Delete(partKey(key, i)); err != nil {
			return err
		}
	}
	return nil
}

func (c *Chunked) chunkSize() int {
	if c.ChunkSize > 0 {
		return c.ChunkSize
	}
	return DefaultChunkSize
}

func partKey(key string, i int) string {
	return key + "#" + strconv.Itoa(i)
}
