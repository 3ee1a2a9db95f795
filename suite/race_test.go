//go:build race

package suite_test

// raceDetector is set under -race: CI runs this package again with the
// race detector, and the fix oracle then checks fewer programs (the full
// set runs without it).
const raceDetector = true
