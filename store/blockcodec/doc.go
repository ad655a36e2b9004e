// Package blockcodec packs a run of quarter-hour meter readings (one
// connection-month in the store) into a compact byte block and back.
//
// Values are integers in Wh per ISP. Each channel (offtake, optional
// feed-in) is written as the differences between consecutive present
// values, divided first by the greatest common divisor of the channel's
// values (a meter that reports whole kWh costs a third of the bits),
// zigzag-encoded and bit-packed in chunks of 64 at the width of the
// chunk's largest difference (frame of reference): a spike widens one
// chunk only, and a channel of zeros costs one byte per chunk. Missing ISPs and estimated readings are bitmaps that are left out
// when empty. A block holds any number of ISPs up to MaxISPs, so DST months
// (a day of 92 or 100 ISPs) need nothing special.
//
// The layout, all integers varints unless said otherwise:
//
//	byte     version (1)
//	uvarint  n, the number of ISPs
//	byte     flags: 1 = feed-in channel follows, 2 = estimated bitmap follows
//	[estimated bitmap]
//	channel (offtake, then feed-in when flagged):
//	  byte     flags: 1 = missing bitmap follows
//	  [missing bitmap]
//	  uvarint  scale ≥ 1 (every present value is a multiple of it)
//	  per chunk of up to 64 present values:
//	    byte   w, the bit width (0–63)
//	    ceil(k·w/8) bytes: k zigzag differences (value/scale minus the
//	           previous one, the first from 0), w bits each, least
//	           significant bit first
//
// A bitmap is a mode byte and then either ceil(n/8) bytes of bits (mode 0;
// bit i%8 of byte i/8 is ISP i) or, when shorter, run lengths (mode 1:
// uvarint count, then count uvarint lengths of alternating runs of false
// and true ISPs, starting with false; only the first may be 0).
//
// Encode and Decode are pure; Decode rejects every malformed block with an
// error (it is fuzzed) and never allocates more than n allows.
package blockcodec
