//go:build bench

package main

import (
	"encoding/binary"
	"testing"
)

// xwdImage builds an XWD image of width×height pixels at 32 bits per
// pixel, with pixel(x, y) as the colour of each pixel. Xvfb on x86 writes
// pixels in little-endian order.
func xwdImage(width, height int, order binary.ByteOrder, pixel func(x, y int) uint32) []byte {
	const headerSize = xwdHeaderFields*4 + 8 // and a window name of 8 bytes
	header := make([]uint32, xwdHeaderFields)
	header[0] = headerSize
	if order == binary.BigEndian {
		header[7] = 1 // MSBFirst, where 0 is LSBFirst
	}
	header[11] = 32
	header[12] = uint32(width * 4)
	header[14], header[15], header[16] = 0xff0000, 0x00ff00, 0x0000ff
	header[19] = 0 // no colour map entries
	header[20], header[21] = uint32(width), uint32(height)

	image := make([]byte, headerSize+width*height*4)
	for i, value := range header {
		binary.BigEndian.PutUint32(image[i*4:], value)
	}
	for y := range height {
		for x := range width {
			order.PutUint32(image[headerSize+(y*width+x)*4:], pixel(x, y))
		}
	}
	return image
}

func TestCountColours(t *testing.T) {
	cases := []struct {
		name  string
		order binary.ByteOrder
		pixel func(x, y int) uint32
		limit int
		want  int
	}{
		{"blank", binary.LittleEndian, func(int, int) uint32 { return 0 }, 64, 1},
		{"window on root", binary.LittleEndian, windowOnRoot, 64, 2},
		{"gradient stops at limit", binary.LittleEndian, gradient, 64, 64},
		{"gradient under limit", binary.LittleEndian, gradient, 1000, 256},
		{"gradient MSBFirst", binary.BigEndian, gradient, 1000, 256},
		{"padding byte ignored", binary.LittleEndian, func(x, _ int) uint32 { return uint32(x) << 24 }, 64, 1},
		{"padding byte ignored MSBFirst", binary.BigEndian, func(x, _ int) uint32 { return uint32(x) << 24 }, 64, 1},
	}
	for _, c := range cases {
		got, err := countColours(xwdImage(16, 16, c.order, c.pixel), c.limit)
		if err != nil {
			t.Fatalf("%s: countColours: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s: countColours = %d, want %d", c.name, got, c.want)
		}
	}
}

// windowOnRoot is a black root window with a light grey window on its
// right half.
func windowOnRoot(x, _ int) uint32 {
	if x >= 8 {
		return 0xfafafa
	}
	return 0
}

// gradient gives each of 16×16 pixels its own colour.
func gradient(x, y int) uint32 {
	return uint32(y*16 + x)
}

func TestCountColoursRejectsShortImage(t *testing.T) {
	image := xwdImage(16, 16, binary.LittleEndian, func(int, int) uint32 { return 0 })
	if _, err := countColours(image[:len(image)-4], 64); err == nil {
		t.Error("countColours of a truncated image: no error, want one")
	}
	if _, err := countColours(image[:10], 64); err == nil {
		t.Error("countColours of a truncated header: no error, want one")
	}
}

// BenchmarkCountColoursBlank measures the worst case of one poll: a
// 1280×800 screen with a blank window, which is read to the end.
func BenchmarkCountColoursBlank(b *testing.B) {
	image := xwdImage(1280, 800, binary.LittleEndian, func(x, y int) uint32 {
		if x >= 128 && x < 1152 && y >= 40 && y < 760 {
			return 0xfafafa
		}
		return 0
	})
	for b.Loop() {
		if _, err := countColours(image, 64); err != nil {
			b.Fatal(err)
		}
	}
}
