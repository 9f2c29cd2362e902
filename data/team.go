package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TeamMember is a login of a team database and the clients whose shops it
// sees; an owner sees every shop.
type TeamMember struct {
	Login   string   `json:"login"`
	Owner   bool     `json:"owner"`
	Clients []string `json:"clients"`
}

// errNotTeam is the answer of every team command on a SQLite file.
func errNotTeam() error {
	return Msg("Team mode needs a PostgreSQL database: open one with --db postgres://USER@HOST/DATABASE (or DEPOSITDESK_DB).", nil)
}

// teamRoles are the group roles of this database: owners own every table
// (so row-level security does not limit them), staff are limited by it.
// Roles belong to the whole server, so their names carry the database's
// (and a schema's other than public).
func teamRoles(q interface {
	QueryRow(string, ...any) *sql.Row
}) (owners, staff string, err error) {
	var db, schema string
	if err := q.QueryRow("SELECT current_database(), current_schema()").Scan(&db, &schema); err != nil {
		return "", "", fmt.Errorf("read the database name: %w", err)
	}
	prefix := "depositdesk_" + db
	if schema != "public" {
		prefix += "_" + schema
	}
	if len(prefix) > 55 {
		prefix = prefix[:55]
	}
	return prefix + "_owners", prefix + "_staff", nil
}

func ident(s string) string { return pgx.Identifier{s}.Sanitize() }

// notYourClient says in a sentence what PostgreSQL's row-level security
// refused: a staff login wrote to a shop of a client it does not serve.
func notYourClient(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "42501" && strings.Contains(pg.Message, "row-level security") {
		return Msg("Your login serves only some clients: this would change a shop of a client you do not serve (ask an owner to add the client with team add-user).", nil)
	}
	return err
}

// msgShopNameElsewhere is what a staff login is told when the shop name it
// chose belongs to a shop of a client it does not serve: row-level security
// hides that shop from the name check, so the unique key refuses instead.
const msgShopNameElsewhere = "A shop named {{.Name}} already exists under a client you do not serve: shop names are unique in the whole team database, so choose another name (for example with the client's name added)."

// shopNameTaken turns PostgreSQL's unique-key refusal of a shop's name into
// that sentence.
func shopNameTaken(err error, name string) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" && pg.TableName == "shops" {
		return Msg(msgShopNameElsewhere, map[string]any{"Name": name})
	}
	return err
}

// TeamInit makes the database a team database: the owners and staff roles,
// every table owned by owners and open to staff, and row-level security on
// every table keyed by shop. Whoever runs it (the database's owner login)
// becomes an owner. Running it again brings new tables under the same rules.
func (s *Store) TeamInit(ctx context.Context) error {
	if !s.pg {
		return errNotTeam()
	}
	return s.Update(ctx, "set up the team database", func(tx *Tx) error {
		if err := createTeamRoles(tx.Tx); err != nil {
			return err
		}
		return teamPolicies(tx.Tx)
	})
}

func createTeamRoles(tx *sql.Tx) error {
	owners, staff, err := teamRoles(tx)
	if err != nil {
		return err
	}
	for _, role := range []string{owners, staff} {
		var exists bool
		if err := tx.QueryRow("SELECT EXISTS(SELECT 1 FROM pg_roles WHERE rolname = ?)", role).Scan(&exists); err != nil {
			return fmt.Errorf("look up role %s: %w", role, err)
		}
		if !exists {
			if _, err := tx.Exec("CREATE ROLE " + ident(role) + " NOLOGIN"); err != nil {
				return teamPermission(fmt.Errorf("create role %s: %w", role, err))
			}
		}
	}
	if _, err := tx.Exec("GRANT " + ident(owners) + " TO session_user"); err != nil {
		return teamPermission(fmt.Errorf("make this login an owner: %w", err))
	}
	_, err = tx.Exec(`INSERT INTO team_members(login, owner) VALUES (session_user, true)
		ON CONFLICT(login) DO UPDATE SET owner = true`)
	return err
}

// teamPermission explains the one thing that usually goes wrong.
func teamPermission(err error) error {
	if strings.Contains(err.Error(), "42501") {
		return Msg("This login may not create roles: run team init and team add-user as the database's owner login, created with CREATEROLE ({{.Err}}).",
			map[string]any{"Err": err.Error()})
	}
	return err
}

// teamPolicies puts every table under the team's rules; it runs at team
// init and after each migration of a team database, so that tables added
// later are covered too.
func teamPolicies(tx *sql.Tx) error {
	owners, staff, err := teamRoles(tx)
	if err != nil {
		return err
	}
	tables, err := strings1(tx.Query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"))
	if err != nil {
		return fmt.Errorf("list the tables: %w", err)
	}
	keyed, err := strings1(tx.Query(`SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'shop_id' ORDER BY table_name`))
	if err != nil {
		return fmt.Errorf("list the tables keyed by shop: %w", err)
	}
	byShop := map[string]bool{}
	for _, t := range keyed {
		byShop[t] = true
	}
	schema := ident(currentSchema(tx))
	stmts := []string{
		"GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + ident(owners),
		"GRANT USAGE ON SCHEMA " + schema + " TO " + ident(staff),
	}
	readOnly := map[string]bool{"team_members": true, "schema_versions": true}
	for _, t := range tables {
		stmts = append(stmts, "ALTER TABLE "+ident(t)+" OWNER TO "+ident(owners))
		if readOnly[t] {
			stmts = append(stmts, "GRANT SELECT ON "+ident(t)+" TO "+ident(staff))
		} else {
			stmts = append(stmts, "GRANT SELECT, INSERT, UPDATE, DELETE ON "+ident(t)+" TO "+ident(staff))
		}
		var using string
		switch {
		case t == "shops":
			using = "client = ANY (coalesce((SELECT clients FROM team_members WHERE login = session_user), '{}'))"
		case t == "team_members":
			using = "login = session_user"
		case t == "audit_log":
			// Entries about no shop (a login added, a rule set edited) may
			// name other clients: staff see only their own.
			using = `shop_id IN (SELECT id FROM shops) OR (shop_id IS NULL AND "user" = session_user)`
		case byShop[t]:
			using = "shop_id IN (SELECT id FROM shops)"
		case t == "import_groups":
			// A group may span clients: staff see (and undo) it only when
			// they see every batch in it; an empty one (being written) holds
			// no names.
			using = "(SELECT count(*) FROM import_batches b WHERE b.group_id = import_groups.id) = import_group_batches(import_groups.id)"
		default:
			continue
		}
		stmts = append(stmts,
			"ALTER TABLE "+ident(t)+" ENABLE ROW LEVEL SECURITY",
			"DROP POLICY IF EXISTS team ON "+ident(t),
			"CREATE POLICY team ON "+ident(t)+" USING ("+using+")")
	}
	stmts = append(stmts, "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "+schema+" TO "+ident(staff),
		"ALTER FUNCTION import_group_batches(bigint) OWNER TO "+ident(owners))
	for _, q := range stmts {
		if _, err := tx.Exec(q); err != nil {
			return teamPermission(fmt.Errorf("%s: %w", q, err))
		}
	}
	return nil
}

func currentSchema(tx *sql.Tx) string {
	var s string
	tx.QueryRow("SELECT current_schema()").Scan(&s)
	return s
}

// isTeam says whether team init has run on this database.
func isTeam(tx *sql.Tx) bool {
	owners, _, err := teamRoles(tx)
	if err != nil {
		return false
	}
	var exists bool
	tx.QueryRow("SELECT EXISTS(SELECT 1 FROM pg_roles WHERE rolname = ?)", owners).Scan(&exists)
	return exists
}

var loginName = regexp.MustCompile(`^[\p{L}\p{N}_.@-]{1,63}$`)

// TeamAddUser creates (or changes) a login: an owner, or staff limited to
// the given clients. No password is written: set one on the server
// (ALTER ROLE … PASSWORD, or psql's \password).
func (s *Store) TeamAddUser(ctx context.Context, m TeamMember, then func(*Tx) error) error {
	if !s.pg {
		return errNotTeam()
	}
	if !loginName.MatchString(m.Login) {
		return Msg("{{.Login}} cannot be a login name: use letters, digits, _ . @ or - (at most 63).", map[string]any{"Login": m.Login})
	}
	clients := []string{}
	for _, c := range m.Clients {
		if c = strings.TrimSpace(c); c != "" {
			clients = append(clients, c)
		}
	}
	if !m.Owner && len(clients) == 0 {
		return Msg("A staff login needs the clients it serves (--clients A,B), or --owner to see every client.", nil)
	}
	return s.Update(ctx, "add the login "+m.Login, func(t *Tx) error {
		tx := t.Tx
		if !isTeam(tx) {
			return Msg("This database is not set up for a team yet: run depositdesk team init first.", nil)
		}
		owners, staff, err := teamRoles(tx)
		if err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow("SELECT EXISTS(SELECT 1 FROM pg_roles WHERE rolname = ?)", m.Login).Scan(&exists); err != nil {
			return err
		}
		stmts := []string{}
		if !exists {
			stmts = append(stmts, "CREATE ROLE "+ident(m.Login)+" LOGIN")
		}
		give, take := staff, owners
		if m.Owner {
			give, take = owners, staff
		}
		stmts = append(stmts, "GRANT "+ident(give)+" TO "+ident(m.Login), "REVOKE "+ident(take)+" FROM "+ident(m.Login))
		for _, q := range stmts {
			if _, err := tx.Exec(q); err != nil {
				return teamPermission(fmt.Errorf("%s: %w", q, err))
			}
		}
		list, _ := json.Marshal(clients)
		if _, err := tx.Exec(`INSERT INTO team_members(login, owner, clients)
			VALUES (?, ?::bigint <> 0, ARRAY(SELECT json_array_elements_text(?::json)))
			ON CONFLICT(login) DO UPDATE SET owner = excluded.owner, clients = excluded.clients`,
			m.Login, m.Owner, string(list)); err != nil {
			return fmt.Errorf("record the clients of %s: %w", m.Login, err)
		}
		if then != nil {
			return then(t)
		}
		return nil
	})
}

// TeamMembers lists the logins of a team database and what each sees (a
// staff login sees only itself).
func (s *Store) TeamMembers(ctx context.Context) ([]TeamMember, error) {
	if !s.pg {
		return nil, errNotTeam()
	}
	rows, err := s.read.QueryContext(ctx, "SELECT login, owner, array_to_json(clients)::text FROM team_members ORDER BY login")
	out, err := collect(rows, err, func(r rowScanner) (TeamMember, error) {
		var m TeamMember
		var clients string
		if err := r.Scan(&m.Login, &m.Owner, &clients); err != nil {
			return m, err
		}
		err := json.Unmarshal([]byte(clients), &m.Clients)
		sort.Strings(m.Clients)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("list the team: %w", err)
	}
	return out, nil
}
