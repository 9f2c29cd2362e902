package data

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"depositdesk/data/datatest"
)

// importHelperEnv makes the test binary a client that is killed in the
// middle of an import (TestMain).
const importHelperEnv = "DEPOSITDESK_KILLED_IMPORT"

func TestMain(m *testing.M) {
	if where := os.Getenv(importHelperEnv); where != "" {
		importUntilKilled(where)
		return
	}
	os.Exit(m.Run())
}

// importUntilKilled writes 5,000 orders into the first shop and, inside the
// import's transaction with everything written, says so and waits to be killed.
func importUntilKilled(where string) {
	s, err := Open(where)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	var orders []Order
	for i := 0; i < 5000; i++ {
		orders = append(orders, Order{ID: fmt.Sprintf("5764%014d", i), Class: Completed})
	}
	in := &Incoming{Batch: ImportBatch{ShopID: 1, FileName: "big.csv", SHA256: "big", Kind: KindOrders, Records: len(orders)}, Orders: orders}
	s.CommitImport(context.Background(), in, time.Now(), func(*Tx, ImportBatch) error {
		fmt.Println("written, not committed")
		time.Sleep(time.Minute)
		return nil
	})
	fmt.Println("the helper was not killed")
	os.Exit(1)
}

func TestAClientKilledDuringAnImportLeavesNoPartialBatch(t *testing.T) {
	where := datatest.DB(t, "被杀", "desk.db")
	s := mustOpen(t, where)
	sh := mustShop(t, s, "Acme US")
	if sh.ID != 1 {
		t.Fatalf("shop id %d", sh.ID)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), importHelperEnv+"="+where)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if !strings.HasPrefix(line, "written") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the helper said %q", line)
	}
	cmd.Process.Kill()
	cmd.Wait()

	// The next writer gets the shop (no lock is left behind) and finds nothing half-done.
	importOrders(t, s, sh, "after", stamp(t, "2026-11-20 09:00:00"), Order{ID: "576400000000000001", Class: Completed})
	batches, err := s.Batches(context.Background(), sh.ID)
	if err != nil || len(batches) != 1 || batches[0].FileName != "after.csv" {
		t.Fatalf("batches after the kill: %+v, %v", batches, err)
	}
	if orders, _ := s.Orders(context.Background(), sh.ID, 0); len(orders) != 1 {
		t.Fatalf("%d orders after the kill, want the 1 imported since", len(orders))
	}
}

func TestAWrongAddressPasswordOrDatabaseGetsOneSentenceSayingWhich(t *testing.T) {
	for _, c := range []struct{ url, says string }{
		{"postgres://nobody@/depositdesk?host=/nonexistent-socket-folder", "Cannot reach the PostgreSQL server /nonexistent-socket-folder"},
		{"postgres://a@b@c:notaport/x", "is not a PostgreSQL address"},
	} {
		_, err := Open(c.url)
		if err == nil || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v; want one sentence saying %q", c.url, err, c.says)
		}
	}
	server := datatest.Server()
	if server == "" {
		return // the cases below need a server to refuse them
	}
	admin := datatest.Admin(t)
	login := datatest.Login(t, "PASSWORD 'right'")
	// .ci/with-postgres asks members of this role for their password.
	if _, err := admin.Exec("GRANT dd_password_logins TO " + login); err != nil {
		t.Fatal(err)
	}
	withPassword := strings.Replace(datatest.AsLogin(server, login), login+"@", login+":wrong@", 1)
	for _, c := range []struct{ url, says string }{
		{datatest.WithParam(server, "dbname", "no_such_db"), "There is no database no_such_db"},
		{datatest.AsLogin(server, "no_such_login"), "does not let no_such_login connect"},
		{strings.Replace(withPassword, "postgres://", "postgresql://", 1), "refused the password of " + login},
	} {
		_, err := Open(c.url)
		if err == nil || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), ":wrong@") {
			t.Errorf("%s: %v; want one sentence saying %q (and no password)", RedactURL(c.url), err, c.says)
		}
	}

	// The right password comes from PGPASSWORD or a password file, as for psql.
	bare := datatest.AsLogin(datatest.Schema(t), login)
	if _, err := admin.Exec("GRANT USAGE, CREATE ON SCHEMA " + datatest.SchemaOf(bare) + " TO " + login); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSWORD", "right")
	s, err := Open(bare)
	if err != nil {
		t.Fatalf("with PGPASSWORD: %v", err)
	}
	s.Close()
	t.Setenv("PGPASSWORD", "")
	pass := filepath.Join(t.TempDir(), "pgpass")
	if err := os.WriteFile(pass, []byte("*:*:*:"+login+":right\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", pass)
	s, err = Open(bare)
	if err != nil {
		t.Fatalf("with a password file: %v", err)
	}
	s.Close()
}
