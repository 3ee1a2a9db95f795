// Package settings has one leak, in a test file: bodyclose reports it
// unless its tests setting is false.
package settings
