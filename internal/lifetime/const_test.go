package lifetime_test

import "go/constant"

func constantInt(i int64) constant.Value { return constant.MakeInt64(i) }
