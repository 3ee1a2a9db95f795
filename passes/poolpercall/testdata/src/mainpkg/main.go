package main

import (
	"database/sql"
	"log"
)

func main() {
	db, err := sql.Open("x", "dsn") // once per process: fine
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	for _, dsn := range []string{"a", "b"} {
		other, err := sql.Open("x", dsn) // want `sql.DB from sql.Open is built in each iteration of a loop in main`
		if err != nil {
			continue
		}
		other.Close()
	}
}
