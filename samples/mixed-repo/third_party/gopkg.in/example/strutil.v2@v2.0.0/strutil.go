// Package strutil pads text into columns.
package strutil

import "strings"

// PadRight adds spaces after s until it is width characters wide.
func PadRight(s string, width int) string {
	if n := width - len([]rune(s)); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// PadLeft adds spaces before s until it is width characters wide.
func PadLeft(s string, width int) string {
	if n := width - len([]rune(s)); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
