package strutil

import "strconv"

// Plural writes a count with its noun: "1 file", "2 files". Added in v2.1.0.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
