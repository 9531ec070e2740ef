//go:build bench

package main

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"os"
)

// xwdHeaderFields is the number of 32-bit fields of an XWD file header
// (X11's XWDFileHeader) that precede the window name.
const xwdHeaderFields = 25

// screen reads the framebuffer that Xvfb keeps in a file when started with
// -fbdir. The file is an XWD image that Xvfb draws into directly, so
// reading it shows the screen as it is now, without a round trip to the X
// server as xwd(1) or import(1) make.
type screen struct {
	file   *os.File
	buffer []byte
}

func openScreen(path string) (*screen, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening the Xvfb framebuffer: %w", err)
	}
	return &screen{file: file}, nil
}

func (s *screen) Close() error {
	return s.file.Close()
}

// capture reads the whole framebuffer file and returns it. The slice is
// reused by the next capture.
func (s *screen) capture() ([]byte, error) {
	info, err := s.file.Stat()
	if err != nil {
		return nil, err
	}
	if int64(cap(s.buffer)) < info.Size() {
		s.buffer = make([]byte, info.Size())
	}
	s.buffer = s.buffer[:info.Size()]
	if _, err := s.file.ReadAt(s.buffer, 0); err != nil {
		return nil, fmt.Errorf("reading the Xvfb framebuffer: %w", err)
	}
	return s.buffer, nil
}

// countColours returns the number of distinct colours in an XWD image of
// 32 bits per pixel, counting no further than limit.
func countColours(xwd []byte, limit int) (int, error) {
	if len(xwd) < xwdHeaderFields*4 {
		return 0, fmt.Errorf("XWD image of %d bytes is shorter than its header", len(xwd))
	}
	// The header fields are big-endian 32-bit numbers.
	field := func(i int) uint32 { return binary.BigEndian.Uint32(xwd[i*4:]) }
	headerSize, byteOrder := field(0), field(7)
	bitsPerPixel, bytesPerLine := field(11), field(12)
	redMask, greenMask, blueMask := field(14), field(15), field(16)
	colourMapEntries := field(19)
	width, height := field(20), field(21)
	if bitsPerPixel != 32 {
		return 0, fmt.Errorf("XWD image has %d bits per pixel, want 32: start Xvfb with a depth of 24", bitsPerPixel)
	}

	start := int(headerSize) + int(colourMapEntries)*12
	end := start + int(bytesPerLine)*int(height)
	if end > len(xwd) {
		return 0, fmt.Errorf("XWD image of %d bytes is shorter than its %dx%d pixels", len(xwd), width, height)
	}
	// Pixels are read as little-endian numbers, so for an image in
	// MSBFirst byte order the mask is reversed instead of every pixel.
	mask := redMask | greenMask | blueMask
	if byteOrder != 0 {
		mask = bits.ReverseBytes32(mask)
	}

	seen := map[uint32]struct{}{}
	previous, first := uint32(0), true
	for row := range int(height) {
		line := xwd[start+row*int(bytesPerLine):]
		for x := range int(width) {
			pixel := binary.LittleEndian.Uint32(line[x*4:]) & mask
			// Neighbouring pixels are mostly equal, which spares most
			// map lookups.
			if pixel == previous && !first {
				continue
			}
			previous, first = pixel, false
			seen[pixel] = struct{}{}
			if len(seen) >= limit {
				return len(seen), nil
			}
		}
	}
	return len(seen), nil
}
