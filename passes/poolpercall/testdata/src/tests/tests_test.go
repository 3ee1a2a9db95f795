package tests

import (
	"database/sql"
	"testing"
)

func TestOpen(t *testing.T) {
	db, err := sql.Open("x", "dsn") // a test opens its own: fine
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
}

func BenchmarkOpen(b *testing.B) {
	for i := 0; i < b.N; i++ {
		db, err := sql.Open("x", "dsn") // want `sql.DB from sql.Open is built in each iteration of a loop in BenchmarkOpen`
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
