package sqlrows

import "database/sql"

// The suite's suppression directive names resourceclose too.
func ignoredTrailing(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") //bodyclose:ignore resourceclose the process exits right after
	_ = rows.Err()
}

func ignoredAbove(db *sql.DB) {
	//bodyclose:ignore bodyclose,resourceclose closed by the caller's teardown
	rows, _ := db.Query("SELECT 1")
	_ = rows.Err()
}

// A directive naming another analyzer suppresses nothing of resourceclose.
func ignoredOther(db *sql.DB) {
	rows, _ := db.Query("SELECT 1") //bodyclose:ignore drainbody not this one // want `rows \(sql.Rows from db.Query\) is never closed`
	_ = rows.Err()
}

func stale(db *sql.DB) error {
	//bodyclose:ignore resourceclose nothing to suppress here // want `this //bodyclose:ignore directive suppresses no resourceclose finding: remove it`
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	return rows.Close()
}
