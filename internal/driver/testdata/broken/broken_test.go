package broken

import "testing"

func TestStatus(t *testing.T) { _ = Status() }
