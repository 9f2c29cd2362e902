package app

import (
	"context"
	"strings"

	"depositdesk/data"
)

// TeamInit makes a PostgreSQL database a team database (PRODUCT.md §7):
// roles, and row-level security on every table keyed by shop.
func (d *Desk) TeamInit(ctx context.Context) error {
	return d.store.TeamInit(ctx)
}

// TeamAddUser creates or changes a login: an owner sees every client, staff
// only the clients listed. The audit log records it.
func (d *Desk) TeamAddUser(ctx context.Context, m data.TeamMember) error {
	return d.store.TeamAddUser(ctx, m, func(tx *data.Tx) error {
		detail := m.Login + ": owner"
		if !m.Owner {
			detail = m.Login + ": " + strings.Join(m.Clients, ", ")
		}
		return data.AuditTx(tx, d.audit(data.Shop{}, "team.add-user", detail))
	})
}

// Team lists the logins of a team database and the clients each sees.
func (d *Desk) Team(ctx context.Context) ([]data.TeamMember, error) {
	return d.store.TeamMembers(ctx)
}

// CopyTo copies the whole database to target (a file path or a postgres://
// URL), which must be empty, in one transaction on the target; it returns
// the rows copied per table.
func (d *Desk) CopyTo(ctx context.Context, target string) (map[string]int, error) {
	dst, err := Open(target)
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	return d.store.CopyTo(ctx, dst.store)
}
