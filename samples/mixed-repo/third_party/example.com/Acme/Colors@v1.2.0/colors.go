// Package colors names the traffic-light status of a share of a whole.
package colors

// ForShare returns "green" below 20 %, "amber" below 50 % and "red" from 50 %,
// for a share given between 0 and 1.
func ForShare(share float64) string {
	switch {
	case share < 0.2:
		return "green"
	case share < 0.5:
		return "amber"
	default:
		return "red"
	}
}
