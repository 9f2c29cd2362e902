package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"

	"depositdesk/data/datatest"
)

func TestTeamCommandsNeedPostgreSQL(t *testing.T) {
	s := mustOpenFile(t)
	for _, err := range []error{
		s.TeamInit(context.Background()),
		s.TeamAddUser(context.Background(), TeamMember{Login: "amy", Clients: []string{"Acme"}}, nil),
	} {
		if err == nil || !strings.Contains(err.Error(), "PostgreSQL") {
			t.Fatalf("on SQLite: %v", err)
		}
	}
}

// teamDB is a team database on the suite's PostgreSQL server, owned by a
// login that may create roles (as the README tells an agency to set up);
// off PostgreSQL it is nil and the caller tests SQLite's refusal instead.
func teamDB(t *testing.T) (owner *Store, url string) {
	t.Helper()
	url = datatest.Schema(t)
	login := datatest.Login(t, "CREATEROLE")
	if _, err := datatest.Admin(t).Exec("ALTER SCHEMA " + datatest.SchemaOf(url) + " OWNER TO " + login); err != nil {
		t.Fatal(err)
	}
	url = datatest.AsLogin(url, login)
	return mustOpen(t, url), url
}

// acmeAndBoltDB is a team database (teamDB) with a shop for each of two
// clients, Acme and Bolt; off PostgreSQL it checks SQLite's refusal of team
// commands instead and returns a nil store.
func acmeAndBoltDB(t *testing.T) (s *Store, url string, acme, bolt Shop) {
	t.Helper()
	if datatest.Server() == "" {
		TestTeamCommandsNeedPostgreSQL(t)
		return nil, "", acme, bolt
	}
	s, url = teamDB(t)
	add := func(sh Shop) Shop {
		sh.RuleSet = "basic"
		added, err := s.AddShop(context.Background(), sh, testNow)
		if err != nil {
			t.Fatal(err)
		}
		return added
	}
	return s, url, add(Shop{Name: "Acme US", Client: "Acme", Site: "US", Currency: "USD"}),
		add(Shop{Name: "Bolt UK", Client: "Bolt", Site: "UK", Currency: "GBP"})
}

// acmeStaff makes s a team database with a staff login serving Acme only,
// and connects as it with raw SQL (closed when the test ends).
func acmeStaff(t *testing.T, s *Store, url string) (login string, raw *sql.DB) {
	t.Helper()
	ctx := context.Background()
	if err := s.TeamInit(ctx); err != nil {
		t.Fatal(err)
	}
	login = datatest.Login(t, "")
	if err := s.TeamAddUser(ctx, TeamMember{Login: login, Clients: []string{"Acme"}}, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("pgx", datatest.AsLogin(url, login))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return login, raw
}

func TestAStaffLoginCannotReadOrChangeAnotherClientsRowsEvenWithRawSQL(t *testing.T) {
	ctx := context.Background()
	s, url, acme, bolt := acmeAndBoltDB(t)
	if s == nil {
		return
	}
	exported := stamp(t, "2026-11-20 09:00:00")
	importOrders(t, s, acme, "a1", exported, Order{ID: "576400000000000001", Class: Completed})
	importOrders(t, s, bolt, "b1", exported, Order{ID: "576400000000000002", Class: InTransit}, Order{ID: "576400000000000003", Class: Completed})
	if err := s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := SaveViolationTx(tx, Violation{ShopID: bolt.ID, Date: MakeDate(2026, 10, 1), Kind: "late"}); err != nil {
			return err
		}
		if err := AuditTx(tx, AuditEntry{At: testNow, User: "owner", Action: "rules.edit", Detail: "for Bolt's shops"}); err != nil {
			return err
		}
		return AuditTx(tx, AuditEntry{At: testNow, User: "owner", ShopID: bolt.ID, Shop: bolt.Name, Action: "shop.edit"})
	}); err != nil {
		t.Fatal(err)
	}

	staff, raw := acmeStaff(t, s, url)
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := raw.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	for q, want := range map[string]int{
		"SELECT count(*) FROM shops":                                    1,
		"SELECT count(*) FROM shops WHERE client = 'Bolt'":              0,
		"SELECT count(*) FROM orders":                                   1,
		"SELECT count(*) FROM import_batches":                           1,
		"SELECT count(*) FROM violations":                               0,
		"SELECT count(*) FROM audit_log WHERE shop = 'Bolt UK'":         0,
		"SELECT count(*) FROM audit_log WHERE shop_id IS NULL":          0,
		"SELECT count(*) FROM order_history":                            0,
		"SELECT count(*) FROM team_members WHERE login <> session_user": 0,
	} {
		if got := count(q); got != want {
			t.Errorf("as staff, %s = %d, want %d", q, got, want)
		}
	}
	for _, q := range []string{
		"UPDATE shops SET notes = 'mine now' WHERE id = $1",
		"DELETE FROM orders WHERE shop_id = $1",
		"DELETE FROM violations WHERE shop_id = $1",
	} {
		res, err := raw.Exec(q, bolt.ID)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n, _ := res.RowsAffected(); n != 0 {
			t.Errorf("as staff, %s changed %d of another client's rows", q, n)
		}
	}
	for _, q := range []string{
		"INSERT INTO violations(shop_id, date, kind) VALUES ($1, 1, 'x')",
		"INSERT INTO orders(shop_id, order_id, class, status, substatus, created, paid, shipped, delivered, cancelled, amount, refund_amount, return_qty, lines, exported_at, batch_id) VALUES ($1, '1', 'completed', '', '', 0,0,0,0,0,0,0,0,0,0,0)",
	} {
		if _, err := raw.Exec(q, bolt.ID); err == nil {
			t.Errorf("as staff, %s was allowed", q)
		}
	}
	if _, err := raw.Exec("UPDATE shops SET client = 'Bolt' WHERE id = $1", acme.ID); err == nil {
		t.Error("as staff, moving a shop to another client was allowed")
	}
	// The owner still sees everything as it was.
	if o, _ := s.Orders(context.Background(), bolt.ID, 0); len(o) != 2 {
		t.Errorf("the owner sees %d of Bolt's orders, want 2", len(o))
	}
	if sh, _ := s.ShopByID(context.Background(), bolt.ID); sh.Notes != "" {
		t.Errorf("Bolt's notes became %q", sh.Notes)
	}

	// Through Deposit Desk the staff login sees its client, and the audit log
	// names the database login whatever the program says.
	st := mustOpen(t, datatest.AsLogin(url, staff))
	shops, err := st.Shops(ctx)
	if err != nil || len(shops) != 1 || shops[0].Name != "Acme US" {
		t.Fatalf("staff sees %+v, %v", shops, err)
	}
	if err := st.Tx(ctx, func(tx *sql.Tx) error {
		return AuditTx(tx, AuditEntry{At: testNow, User: "someone-else", ShopID: acme.ID, Shop: acme.Name, Action: "shop.edit"})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddShop(ctx, Shop{Name: "Bolt MY", Client: "Bolt", Site: "MY", Currency: "MYR", RuleSet: "basic"}, testNow); err == nil ||
		!strings.Contains(err.Error(), "client you do not serve") {
		t.Fatalf("staff adding a shop of another client: %v", err)
	}
	if _, err := st.AddShop(ctx, Shop{Name: "Acme MY", Client: "Acme", Site: "MY", Currency: "MYR", RuleSet: "basic"}, testNow); err != nil {
		t.Fatalf("staff adding a shop of its own client: %v", err)
	}
	// Staff import into their client's shops; the check that every order
	// names an existing shop (once per statement) holds for them too.
	importOrders(t, st, acme, "a2", exported, Order{ID: "576400000000000004", Class: Completed})
	if _, err := raw.Exec(`INSERT INTO orders(shop_id, order_id, class, status, substatus, created, paid, shipped, delivered, cancelled, amount,
		refund_amount, return_qty, lines, exported_at, batch_id) VALUES ($1, '2', 'completed', '', '', 0,0,0,0,0,0,0,0,0,0,0)`, acme.ID+bolt.ID+100); err == nil {
		t.Error("as staff, an order of a shop that does not exist was allowed")
	}
	log, err := s.Audit(context.Background(), acme.ID, 1)
	if err != nil || len(log) != 1 || log[0].User != staff {
		t.Fatalf("audit entry %+v, %v; want the login %s", log, err, staff)
	}
	team, err := s.TeamMembers(ctx)
	if err != nil || len(team) != 2 {
		t.Fatalf("team %+v, %v", team, err)
	}
}

// importGroup writes one orders file per shop as one import group, as a
// dropped folder does.
func importGroup(t *testing.T, s *Store, name string, shops ...Shop) int64 {
	t.Helper()
	ctx := context.Background()
	w := s.NewGroupWriter(testNow)
	for i, sh := range shops {
		sha := fmt.Sprintf("%s-%d", name, i)
		in := &Incoming{Batch: ImportBatch{ShopID: sh.ID, FileName: sha + ".csv", SHA256: sha, Kind: KindOrders,
			ExportedAt: stamp(t, "2026-11-20 09:00:00"), Records: 1},
			Orders: []Order{{ID: fmt.Sprintf("5764%08x%04d%04d", crc32.ChecksumIEEE([]byte(name)), sh.ID, i), Class: Completed}}}
		if _, err := w.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Finish(ctx, len(shops), nil); err != nil {
		t.Fatal(err)
	}
	return w.ID()
}

func TestAStaffLoginSeesAndUndoesOnlyImportGroupsWhollyOfItsClients(t *testing.T) {
	ctx := context.Background()
	s, url, acme, bolt := acmeAndBoltDB(t)
	if s == nil {
		return
	}
	mine := importGroup(t, s, "acme", acme)
	mixed := importGroup(t, s, "mixed", acme, bolt)
	theirs := importGroup(t, s, "bolt", bolt)
	staff, raw := acmeStaff(t, s, url)
	var seen []int64
	rows, err := raw.Query("SELECT id FROM import_groups ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		seen = append(seen, id)
	}
	rows.Close()
	if len(seen) != 1 || seen[0] != mine {
		t.Errorf("as staff, import_groups holds %v, want only [%d]", seen, mine)
	}
	for _, g := range []int64{mixed, theirs} {
		res, err := raw.Exec("UPDATE import_groups SET undone_at = 'x' WHERE id = $1", g)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 0 {
			t.Errorf("as staff, marking import group %d undone changed %d rows", g, n)
		}
	}

	st := mustOpen(t, datatest.AsLogin(url, staff))
	if _, err := st.UndoGroup(ctx, mixed, testNow, nil); err == nil || !strings.Contains(err.Error(), "no import group") {
		t.Errorf("staff undoing a group that holds another client's file: %v", err)
	}
	if _, err := st.UndoGroup(ctx, mine, testNow, nil); err != nil {
		t.Errorf("staff undoing its own client's group: %v", err)
	}
	if g, err := s.Group(context.Background(), mixed); err != nil || g.Undone || len(g.Batches) != 2 || g.Batches[0].Undone {
		t.Errorf("the owner sees the mixed group as %+v, %v; want it untouched", g, err)
	}
	// Staff still import groups of their own (an empty group is written first).
	if g, err := st.Group(ctx, importGroup(t, st, "acme-2", acme)); err != nil || len(g.Batches) != 1 {
		t.Errorf("staff's own new group reads %+v, %v", g, err)
	}
}

func TestAStaffLoginNamingAShopLikeAnotherClientsIsToldSo(t *testing.T) {
	ctx := context.Background()
	s, url, acme, _ := acmeAndBoltDB(t)
	if s == nil {
		return
	}
	staff, _ := acmeStaff(t, s, url)
	st := mustOpen(t, datatest.AsLogin(url, staff))
	want := "A shop named bolt uk already exists under a client you do not serve"
	_, err := st.AddShop(ctx, Shop{Name: "bolt uk", Client: "Acme", Site: "UK", Currency: "GBP", RuleSet: "basic"}, testNow)
	var m *Message
	if !errors.As(err, &m) || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("adding: %v, want a message starting %q", err, want)
	}
	acme.Name = "bolt uk"
	err = st.Update(ctx, "rename", func(tx *Tx) error { return UpdateShopTx(tx, acme, testNow) })
	if !errors.As(err, &m) || !strings.Contains(err.Error(), want) {
		t.Errorf("renaming: %v, want %q", err, want)
	}
}
