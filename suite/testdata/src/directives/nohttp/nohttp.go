// Package nohttp cannot see net/http: a directive here suppresses nothing.
package nohttp

func f() int {
	//bodyclose:ignore bodyclose left over from a move // want `suppresses no bodyclose finding`
	return 1
}
