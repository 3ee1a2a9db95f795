package knowledge

// database/sql: from its documentation (pkg.go.dev/database/sql) and code.
//   - Rows: "If Next is called and returns false and there are no further
//     result sets, the Rows are closed automatically"; otherwise Close
//     returns the connection to the pool. Query on *DB, *Conn, *Tx, *Stmt.
//     (*Row from QueryRow releases itself in Scan: not a resource.)
//   - Stmt from Prepare on *DB or *Conn: Close releases it (statements
//     prepared on a *Tx are closed when the transaction ends).
//   - Conn from (*DB).Conn: "Conn.Close must be called to return the
//     connection to the database pool".
//   - Tx from Begin/BeginTx: "The transaction must end with a call to
//     Commit or Rollback"; until then it holds its connection.
var sqlKinds = []ResourceKind{
	{
		Name: "sql.Rows", Cost: "its connection stays out of the pool", Pkg: "database/sql", Type: "Rows",
		Acquire: []string{
			"(*database/sql.DB).Query", "(*database/sql.DB).QueryContext",
			"(*database/sql.Conn).QueryContext",
			"(*database/sql.Tx).Query", "(*database/sql.Tx).QueryContext",
			"(*database/sql.Stmt).Query", "(*database/sql.Stmt).QueryContext",
		},
		ReleaseMethods: []string{"Close"},
		IterEnd:        "Next",
	},
	{
		Name: "sql.Stmt", Cost: "its prepared statement stays open on the connections that prepared it", Pkg: "database/sql", Type: "Stmt",
		Acquire: []string{
			"(*database/sql.DB).Prepare", "(*database/sql.DB).PrepareContext",
			"(*database/sql.Conn).PrepareContext",
		},
		ReleaseMethods: []string{"Close"},
	},
	{
		Name: "sql.Conn", Cost: "its connection stays out of the pool", Pkg: "database/sql", Type: "Conn",
		Acquire:        []string{"(*database/sql.DB).Conn"},
		ReleaseMethods: []string{"Close"},
	},
	{
		Name: "sql.Tx", Cost: "its connection stays out of the pool until the transaction ends", Pkg: "database/sql", Type: "Tx",
		Acquire: []string{
			"(*database/sql.DB).Begin", "(*database/sql.DB).BeginTx",
			"(*database/sql.Conn).BeginTx",
		},
		ReleaseMethods: []string{"Commit", "Rollback"},
	},
}
