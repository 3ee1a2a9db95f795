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
	_ = run()
	perJob(nil)
	for _, dsn := range []string{"a", "b"} {
		other, err := sql.Open("x", dsn) // want `sql.DB from sql.Open is built in each iteration of a loop in main`
		if err != nil {
			continue
		}
		other.Close()
	}
}

func init() { setup() }

// setup runs once: only init calls it.
func setup() {
	db, _ := sql.Open("x", "dsn")
	_ = db.Ping()
}

// serve is called by run, which main calls once.
func run() error { return serve() }

func serve() error {
	db, err := sql.Open("x", "dsn")
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

func perJob(jobs []string) {
	for range jobs {
		work()
	}
}

// work is called in a loop: per call.
func work() {
	db, _ := sql.Open("x", "dsn") // want `sql.DB from sql.Open is built per call in work`
	_ = db.Ping()
}
