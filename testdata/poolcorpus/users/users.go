// Package users is a small user store over database/sql, as services write
// it.
package users

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
)

type User struct {
	ID    int64
	Email string
}

type Store struct{ db *sql.DB }

func NewStore(dsn string) (*Store, error) { // percall:ok
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	return &Store{db: db}, nil
}

func (s *Store) List(ctx context.Context) ([]User, error) { // res:ok
	rows, err := s.db.QueryContext(ctx, "SELECT id, email FROM users")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *Store) ListActive(ctx context.Context) ([]User, error) { // res:leak
	rows, err := s.db.QueryContext(ctx, "SELECT id, email FROM users WHERE active")
	if err != nil {
		return nil, err
	}
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *Store) Emails(ctx context.Context) ([]string, error) { // res:ok
	rows, err := s.db.QueryContext(ctx, "SELECT email FROM users")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var e string
		_ = rows.Scan(&e)
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *Store) First(ctx context.Context) (*User, error) { // res:leak
	rows, err := s.db.QueryContext(ctx, "SELECT id, email FROM users LIMIT 1")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var u User
		return &u, rows.Scan(&u.ID, &u.Email)
	}
	return nil, errors.New("no user")
}

func (s *Store) Rename(ctx context.Context, id int64, email string) error { // res:ok
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET email=$1 WHERE id=$2", email, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit(id) VALUES($1)", id); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) Delete(ctx context.Context, id int64) error { // res:leak
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM users WHERE id=$1", id); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) Count(ctx context.Context) (int, error) { // res:ok
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

func Handler(dsn string) http.HandlerFunc { // percall:leak
	return func(w http.ResponseWriter, r *http.Request) {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer db.Close()
		var n int
		_ = db.QueryRowContext(r.Context(), "SELECT 1").Scan(&n)
	}
}

func (s *Store) Handler() http.HandlerFunc { // percall:ok
	return func(w http.ResponseWriter, r *http.Request) {
		var n int
		_ = s.db.QueryRowContext(r.Context(), "SELECT 1").Scan(&n)
	}
}
