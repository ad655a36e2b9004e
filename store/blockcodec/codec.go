package blockcodec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// Version is the first byte of every block this package writes.
const Version = 1

// MaxISPs bounds a block: a month of 31 days has at most 2,980 ISPs; the
// bound leaves room for longer blocks and keeps a hostile header from
// allocating much.
const MaxISPs = 1 << 16

// MaxAbsWh bounds every value (about 1.15·10¹⁸ Wh, far above any meter):
// differences between two values then fit the token format exactly.
const MaxAbsWh = 1 << 60

// Channel is one metered quantity of a block.
type Channel struct {
	// Wh is the energy per ISP; entries at missing ISPs are ignored by
	// Encode and zero after Decode.
	Wh []int64
	// Missing marks ISPs without a reading; nil when every ISP has one.
	Missing []bool
}

// Block is a run of ISPs of one connection.
type Block struct {
	Offtake Channel
	// Feedin is nil when the connection has no feed-in channel.
	Feedin *Channel
	// Estimated marks readings the source flagged as estimated; nil when
	// none is.
	Estimated []bool
}

// Len is the number of ISPs of the block.
func (b *Block) Len() int { return len(b.Offtake.Wh) }

// Errors of Decode.
var (
	ErrVersion   = errors.New("blockcodec: unknown version")
	ErrTruncated = errors.New("blockcodec: truncated block")
	ErrCorrupt   = errors.New("blockcodec: corrupt block")
)

const (
	flagFeedin    = 1
	flagEstimated = 2
	flagMissing   = 1
)

// Encode appends the encoding of b to dst. It panics when the channels or
// bitmaps differ in length from b.Offtake.Wh, the block is longer than
// MaxISPs or a present value exceeds ±MaxAbsWh (programmer errors: the
// store validates readings before it builds blocks).
func Encode(dst []byte, b *Block) []byte {
	n := b.Len()
	if n > MaxISPs {
		panic(fmt.Sprintf("blockcodec: %d ISPs, max %d", n, MaxISPs))
	}
	check := func(what string, l int) {
		if l != 0 && l != n {
			panic(fmt.Sprintf("blockcodec: %s has %d entries, want %d", what, l, n))
		}
	}
	check("offtake missing", len(b.Offtake.Missing))
	check("estimated", len(b.Estimated))
	if b.Feedin != nil && len(b.Feedin.Wh) != n {
		panic(fmt.Sprintf("blockcodec: feed-in has %d ISPs, want %d", len(b.Feedin.Wh), n))
	}
	dst = append(dst, Version)
	dst = binary.AppendUvarint(dst, uint64(n))
	var flags byte
	if b.Feedin != nil {
		flags |= flagFeedin
	}
	est := anyTrue(b.Estimated)
	if est {
		flags |= flagEstimated
	}
	dst = append(dst, flags)
	if est {
		dst = appendBitmap(dst, b.Estimated)
	}
	dst = appendChannel(dst, &b.Offtake, n)
	if b.Feedin != nil {
		check("feed-in missing", len(b.Feedin.Missing))
		dst = appendChannel(dst, b.Feedin, n)
	}
	return dst
}

func anyTrue(bs []bool) bool {
	for _, v := range bs {
		if v {
			return true
		}
	}
	return false
}

// appendBitmap writes bs as raw bits or, when shorter, as run lengths:
// flags are rare (an estimated reading, a missing day), so runs usually
// cost a few bytes where the bits cost n/8.
func appendBitmap(dst []byte, bs []bool) []byte {
	var runs []byte
	cur, run, count := false, 0, 0
	for _, v := range bs {
		if v != cur {
			runs = binary.AppendUvarint(runs, uint64(run))
			count++
			cur, run = v, 0
		}
		run++
	}
	runs = binary.AppendUvarint(runs, uint64(run))
	count++
	raw := (len(bs) + 7) / 8
	if head := uvarintLen(uint64(count)); head+len(runs) < raw {
		dst = append(dst, bitmapRuns)
		dst = binary.AppendUvarint(dst, uint64(count))
		return append(dst, runs...)
	}
	dst = append(dst, bitmapRaw)
	start := len(dst)
	dst = append(dst, make([]byte, raw)...)
	for i, v := range bs {
		if v {
			dst[start+i/8] |= 1 << (i % 8)
		}
	}
	return dst
}

// The two ways a bitmap is written.
const (
	bitmapRaw  = 0 // ceil(n/8) bytes, bit i of byte i/8 for ISP i
	bitmapRuns = 1 // uvarint count, then count run lengths alternating false, true, … from false
)

func uvarintLen(v uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], v)
}

func missing(c *Channel, i int) bool { return c.Missing != nil && c.Missing[i] }

func appendChannel(dst []byte, c *Channel, n int) []byte {
	hasMissing := c.Missing != nil && anyTrue(c.Missing)
	if hasMissing {
		dst = append(dst, flagMissing)
		dst = appendBitmap(dst, c.Missing)
	} else {
		dst = append(dst, 0)
	}
	var scale uint64
	for i, v := range c.Wh {
		if !missing(c, i) {
			if v > MaxAbsWh || v < -MaxAbsWh {
				panic(fmt.Sprintf("blockcodec: value %d Wh at ISP %d beyond ±MaxAbsWh", v, i))
			}
			if scale != 1 {
				scale = gcd(scale, abs(v))
			}
		}
	}
	if scale == 0 {
		scale = 1
	}
	dst = binary.AppendUvarint(dst, scale)
	// Zigzag deltas of the present values, bit-packed per chunk at the
	// width of the chunk's largest delta. Without missing ISPs and with
	// scale 1 (the usual Wh data) the loop is a plain slice walk: this is
	// the import's hot path.
	var prev int64
	var chunk [chunkLen]uint64
	k := 0
	if !hasMissing && scale == 1 {
		for _, v := range c.Wh[:n] {
			chunk[k] = zigzag(v - prev)
			prev = v
			k++
			if k == chunkLen {
				dst = appendChunk(dst, chunk[:k])
				k = 0
			}
		}
	} else {
		for i := 0; i < n; i++ {
			if hasMissing && c.Missing[i] {
				continue
			}
			v := c.Wh[i]
			if scale != 1 {
				v /= int64(scale)
			}
			chunk[k] = zigzag(v - prev)
			prev = v
			k++
			if k == chunkLen {
				dst = appendChunk(dst, chunk[:k])
				k = 0
			}
		}
	}
	if k > 0 {
		dst = appendChunk(dst, chunk[:k])
	}
	return dst
}

// chunkLen is the number of values that share one bit width: small enough
// that a spike widens few values, large enough that the width byte costs
// an eighth of a bit per value.
const chunkLen = 64

func appendChunk(dst []byte, zs []uint64) []byte {
	var or uint64
	for _, z := range zs {
		or |= z
	}
	w := bits.Len64(or)
	dst = append(dst, byte(w))
	if w == 0 {
		return dst
	}
	// Pack into whole 64-bit words on the stack, then append the
	// ceil(k·w/8) bytes that carry bits in one copy.
	var words [chunkLen + 1]uint64
	var acc uint64
	nacc, nw := 0, 0
	for _, z := range zs {
		acc |= z << nacc
		nacc += w
		if nacc >= 64 {
			words[nw] = acc
			nw++
			nacc -= 64
			acc = 0
			if nacc > 0 {
				acc = z >> (w - nacc)
			}
		}
	}
	words[nw] = acc
	var raw [(chunkLen + 1) * 8]byte
	for i := 0; i <= nw; i++ {
		binary.LittleEndian.PutUint64(raw[i*8:], words[i])
	}
	return append(dst, raw[:(len(zs)*w+7)/8]...)
}

func abs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func zigzag(v int64) uint64   { return uint64(v<<1) ^ uint64(v>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

type reader struct {
	buf []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, k := binary.Uvarint(r.buf)
	if k <= 0 {
		if k == 0 {
			r.err = ErrTruncated
		} else {
			r.err = fmt.Errorf("%w: varint overflows 64 bits", ErrCorrupt)
		}
		return 0
	}
	r.buf = r.buf[k:]
	return v
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.buf) == 0 {
		r.err = ErrTruncated
		return 0
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b
}

func (r *reader) bitmap(n int, reuse []bool) []bool {
	switch mode := r.byte(); {
	case r.err != nil:
		return nil
	case mode == bitmapRuns:
		count := r.uvarint()
		if r.err == nil && (count == 0 || count > uint64(n)+1) {
			r.err = fmt.Errorf("%w: %d runs in a bitmap of %d", ErrCorrupt, count, n)
		}
		bs := resize(reuse, n)
		at, cur := 0, false
		for k := uint64(0); k < count && r.err == nil; k++ {
			run := r.uvarint()
			if r.err == nil && (run > uint64(n-at) || (run == 0 && k > 0)) {
				r.err = fmt.Errorf("%w: run of %d at ISP %d of %d", ErrCorrupt, run, at, n)
			}
			if r.err != nil {
				return nil
			}
			for i := at; i < at+int(run); i++ {
				bs[i] = cur
			}
			at += int(run)
			cur = !cur
		}
		if r.err == nil && at != n {
			r.err = fmt.Errorf("%w: runs cover %d of %d ISPs", ErrCorrupt, at, n)
		}
		return bs
	case mode != bitmapRaw:
		r.err = fmt.Errorf("%w: bitmap mode %d", ErrCorrupt, mode)
		return nil
	}
	k := (n + 7) / 8
	if len(r.buf) < k {
		r.err = ErrTruncated
		return nil
	}
	bs := resize(reuse, n)
	for i := range bs {
		bs[i] = r.buf[i/8]&(1<<(i%8)) != 0
	}
	if n%8 != 0 && r.buf[k-1]>>(n%8) != 0 {
		r.err = fmt.Errorf("%w: bits set past the last ISP", ErrCorrupt)
	}
	r.buf = r.buf[k:]
	return bs
}

// Decode returns the block encoded in data, which must hold exactly one
// block.
func Decode(data []byte) (*Block, error) {
	b := &Block{}
	if err := DecodeInto(b, data); err != nil {
		return nil, err
	}
	return b, nil
}

// DecodeInto decodes data into b like Decode, reusing the memory of b's
// slices (and of *b.Feedin) where it is large enough, so a reader of many
// blocks allocates once. Bitmaps the block lacks are set to nil, as is
// Feedin without a feed-in channel; on error b is left in an unspecified
// state.
func DecodeInto(b *Block, data []byte) error {
	r := &reader{buf: data}
	if v := r.byte(); r.err == nil && v != Version {
		return fmt.Errorf("%w %d (want %d)", ErrVersion, v, Version)
	}
	n64 := r.uvarint()
	if r.err == nil && n64 > MaxISPs {
		return fmt.Errorf("%w: %d ISPs, max %d", ErrCorrupt, n64, MaxISPs)
	}
	n := int(n64)
	flags := r.byte()
	if r.err == nil && flags&^(flagFeedin|flagEstimated) != 0 {
		return fmt.Errorf("%w: unknown flags %#x", ErrCorrupt, flags)
	}
	if flags&flagEstimated != 0 {
		b.Estimated = r.bitmap(n, b.Estimated)
	} else {
		b.Estimated = nil
	}
	r.channel(n, &b.Offtake)
	if flags&flagFeedin != 0 {
		if b.Feedin == nil {
			b.Feedin = &Channel{}
		}
		r.channel(n, b.Feedin)
	} else {
		b.Feedin = nil
	}
	if r.err == nil && len(r.buf) != 0 {
		r.err = fmt.Errorf("%w: %d bytes after the block", ErrCorrupt, len(r.buf))
	}
	return r.err
}

// resize returns s with length n and every element zero, reusing its
// memory when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (r *reader) channel(n int, c *Channel) {
	f := r.byte()
	if r.err == nil && f&^flagMissing != 0 {
		r.err = fmt.Errorf("%w: unknown channel flags %#x", ErrCorrupt, f)
	}
	if f&flagMissing != 0 {
		c.Missing = r.bitmap(n, c.Missing)
	} else {
		c.Missing = nil
	}
	scale := r.uvarint()
	if r.err == nil && (scale == 0 || scale > MaxAbsWh) {
		r.err = fmt.Errorf("%w: scale %d", ErrCorrupt, scale)
	}
	if r.err != nil {
		return
	}
	c.Wh = resize(c.Wh, n)
	present := n
	if c.Missing != nil {
		for _, m := range c.Missing {
			if m {
				present--
			}
		}
	}
	var prev int64
	limit := int64(MaxAbsWh / scale)
	var pad [chunkLen*8 + 16]byte
	i := 0
	for done := 0; done < present; {
		k := min(chunkLen, present-done)
		w := int(r.byte())
		if r.err != nil {
			return
		}
		if w > 63 {
			r.err = fmt.Errorf("%w: bit width %d", ErrCorrupt, w)
			return
		}
		need := (k*w + 7) / 8
		if len(r.buf) < need {
			r.err = ErrTruncated
			return
		}
		copy(pad[:], r.buf[:need])
		clear(pad[need : need+9])
		r.buf = r.buf[need:]
		mask := uint64(1)<<w - 1
		bit := 0
		for j := 0; j < k; j++ {
			at, shift := bit>>3, bit&7
			z := binary.LittleEndian.Uint64(pad[at:]) >> shift
			if shift+w > 64 {
				z |= uint64(pad[at+8]) << (64 - shift)
			}
			z &= mask
			bit += w
			d := unzigzag(z)
			if d > 2*limit || d < -2*limit || prev+d > limit || prev+d < -limit {
				r.err = fmt.Errorf("%w: value beyond ±MaxAbsWh", ErrCorrupt)
				return
			}
			prev += d
			for c.Missing != nil && c.Missing[i] {
				i++
			}
			c.Wh[i] = prev * int64(scale)
			i++
		}
		done += k
	}
}

// Equal reports whether a and b hold the same readings: the same ISPs
// missing, the same values where present, the same estimated flags (a nil
// bitmap equals an all-false one).
func Equal(a, b *Block) bool {
	if a.Len() != b.Len() || (a.Feedin == nil) != (b.Feedin == nil) {
		return false
	}
	if !sameChannel(&a.Offtake, &b.Offtake) || (a.Feedin != nil && !sameChannel(a.Feedin, b.Feedin)) {
		return false
	}
	for i := range a.Len() {
		if flag(a.Estimated, i) != flag(b.Estimated, i) {
			return false
		}
	}
	return true
}

func flag(bs []bool, i int) bool { return bs != nil && bs[i] }

func sameChannel(a, b *Channel) bool {
	for i := range a.Wh {
		ma, mb := flag(a.Missing, i), flag(b.Missing, i)
		if ma != mb || (!ma && a.Wh[i] != b.Wh[i]) {
			return false
		}
	}
	return true
}
