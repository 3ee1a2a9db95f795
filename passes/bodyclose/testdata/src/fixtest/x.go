// Package fixtest: in a test file the close does not drain (drainbody does
// not check tests: a test's connection churn costs nothing).
package fixtest
