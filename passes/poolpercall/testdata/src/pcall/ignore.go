package pcall

import (
	"context"
	"database/sql"
)

// The suite's suppression directive names poolpercall too.
func ignoredPerCall(ctx context.Context) error {
	db, err := sql.Open("x", "dsn") //bodyclose:ignore poolpercall a one-shot command
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

func ignoredOtherName(ctx context.Context) error {
	db, err := sql.Open("x", "dsn") //bodyclose:ignore resourceclose not this one // want `sql.DB from sql.Open is built per call in ignoredOtherName`
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

func staleDirective(db *sql.DB) error {
	//bodyclose:ignore poolpercall nothing built here // want `this //bodyclose:ignore directive suppresses no poolpercall finding: remove it`
	return db.Ping()
}
