package tags

// Plain is built without tags.
func Plain() int { return 1 }
