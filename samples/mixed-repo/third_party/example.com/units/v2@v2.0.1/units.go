// Package units formats byte counts for people, right-aligned in a column.
package units

import (
	"fmt"

	strutil "gopkg.in/example/strutil.v2"
)

// Bytes formats n with a binary unit ("512 B", "1.5 KiB", "3.0 MiB"), padded to 10 characters.
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return strutil.PadLeft(fmt.Sprintf("%d B", n), 10)
	}
	value, prefix := float64(n)/unit, 0
	for value >= unit && prefix < 5 {
		value /= unit
		prefix++
	}
	return strutil.PadLeft(fmt.Sprintf("%.1f %ciB", value, "KMGTPE"[prefix]), 10)
}
