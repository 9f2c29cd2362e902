// Package app is Deposit Desk's core: shops, imports, rule sets, verdicts,
// applications and the audit log. The window (screens) and the command line
// (app/cli) both call app.Desk; nothing here knows there is a window.
package app

import (
	"context"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"depositdesk/data"
)

// Desk is one user's Deposit Desk: the store and the clock.
type Desk struct {
	store *data.Store
	// Now is the clock; tests set it.
	Now func() time.Time
	// User is who the audit log names (the OS user).
	User string

	listeners listeners   // told about every change (OnChange)
	remote    remoteState // other people's changes to a shared database (remote.go)
}

// DBEnv names the environment variable that overrides the database path.
const DBEnv = "DEPOSITDESK_DB"

// DataFolder is where each OS expects an application's data:
// %AppData%\DepositDesk on Windows, ~/Library/Application Support/DepositDesk
// on macOS, $XDG_DATA_HOME/DepositDesk (~/.local/share) elsewhere.
func DataFolder() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "DepositDesk"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "DepositDesk"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "DepositDesk"), nil
}

// DefaultDBPath is DEPOSITDESK_DB when set, else desk.db in DataFolder.
func DefaultDBPath() (string, error) {
	if p := os.Getenv(DBEnv); p != "" {
		return p, nil
	}
	return LocalDBPath()
}

// LocalDBPath is desk.db in DataFolder: this computer's own database, which
// Settings goes back to from a team database.
func LocalDBPath() (string, error) {
	dir, err := DataFolder()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "desk.db"), nil
}

// Open opens the database at path (creating it) and makes sure the built-in
// rule sets are there in their current form.
func Open(path string) (*Desk, error) {
	s, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	d := &Desk{store: s, Now: time.Now, User: osUser()}
	s.SetClock(func() time.Time { return d.Now() }) // a transaction begins at the desk's time
	err = s.Update(context.Background(), "save the built-in rule sets", func(tx *data.Tx) error {
		for _, r := range BuiltInRuleSets() {
			if err := data.SaveRuleSetTx(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = d.upgradeVocabulary(context.Background())
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return d, nil
}

func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// Close closes the database.
func (d *Desk) Close() error {
	d.stopWatching()
	return d.store.Close()
}

// Path is the database file.
func (d *Desk) Path() string { return d.store.Path() }

// Store gives benchmarks and tools the store underneath.
func (d *Desk) Store() *data.Store { return d.store }

// Today is the current calendar date on this computer.
func (d *Desk) Today() data.Date { return data.DateOf(d.Now()) }

// audit builds an audit entry for now and this user.
func (d *Desk) audit(shop data.Shop, action, detail string) data.AuditEntry {
	return data.AuditEntry{At: d.Now(), User: d.User, ShopID: shop.ID, Shop: shop.Name, Action: action, Detail: detail}
}

// Audit lists the audit log, newest first, of one shop ("" for all).
func (d *Desk) Audit(ctx context.Context, shop string, limit int) ([]data.AuditEntry, error) {
	id, err := d.shopID(ctx, shop)
	if err != nil {
		return nil, err
	}
	return d.store.Audit(ctx, id, limit)
}

// Shops lists every shop by name.
func (d *Desk) Shops(ctx context.Context) ([]data.Shop, error) { return d.store.Shops(ctx) }

// Shop finds a shop by name.
func (d *Desk) Shop(ctx context.Context, name string) (data.Shop, error) {
	sh, err := d.store.ShopByName(ctx, name)
	if errors.Is(err, data.ErrNotFound) {
		return sh, data.Msg("There is no shop named {{.Name}}.", map[string]any{"Name": name})
	}
	return sh, err
}

// shopID is the id of the named shop, 0 for "" (every shop).
func (d *Desk) shopID(ctx context.Context, name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	sh, err := d.Shop(ctx, name)
	return sh.ID, err
}

// ShopByID finds a shop by id.
func (d *Desk) ShopByID(ctx context.Context, id int64) (data.Shop, error) {
	return d.store.ShopByID(ctx, id)
}

// checkShop validates what a person entered for a shop.
func (d *Desk) checkShop(ctx context.Context, sh *data.Shop) error {
	sh.Name = strings.TrimSpace(sh.Name)
	sh.Site = strings.ToUpper(strings.TrimSpace(sh.Site))
	sh.Currency = strings.ToUpper(strings.TrimSpace(sh.Currency))
	if sh.Platform == "" {
		sh.Platform = "tiktok"
	}
	if sh.RuleSet == "" {
		sh.RuleSet = "tiktok-cb"
	}
	switch {
	case sh.Name == "":
		return data.Msg("A shop needs a name.", nil)
	case sh.Site == "":
		return data.Msg("Shop {{.Name}} needs a site (US, UK, MY, …).", map[string]any{"Name": sh.Name})
	case sh.Currency == "":
		return data.Msg("Shop {{.Name}} needs the currency of its deposit (USD, GBP, …).", map[string]any{"Name": sh.Name})
	case sh.Deposit < 0:
		return data.Msg("The deposit of {{.Name}} cannot be negative.", map[string]any{"Name": sh.Name})
	case sh.ContractEnd != data.NoDate && sh.Opened != data.NoDate && sh.ContractEnd < sh.Opened:
		return data.Msg("The contract of {{.Name}} cannot end before the shop opened.", map[string]any{"Name": sh.Name})
	}
	if _, err := d.store.RuleSet(ctx, sh.RuleSet); !errors.Is(err, data.ErrNotFound) {
		return err
	} else if err != nil {
		return data.Msg("There is no rule set {{.ID}}; see the rule sets for the ones there are.", map[string]any{"ID": sh.RuleSet})
	}
	return nil
}

// AddShop adds a shop.
func (d *Desk) AddShop(ctx context.Context, sh data.Shop) (data.Shop, error) {
	if err := d.checkShop(ctx, &sh); err != nil {
		return sh, err
	}
	err := d.store.Update(ctx, "add the shop "+sh.Name, func(tx *data.Tx) error {
		var err error
		if sh, err = data.AddShopTx(tx, sh, d.Now()); err != nil {
			return err
		}
		return data.AuditTx(tx, d.audit(sh, "shop.add", describeShop(sh)))
	})
	return sh, d.changed(err, Change{ChangedShop, sh.ID})
}

// SaveShop writes an edited shop; the audit log records what changed.
func (d *Desk) SaveShop(ctx context.Context, sh data.Shop) error {
	if err := d.checkShop(ctx, &sh); err != nil {
		return err
	}
	old, err := d.store.ShopByID(ctx, sh.ID)
	if errors.Is(err, data.ErrNotFound) {
		return data.Msg("There is no shop named {{.Name}}.", map[string]any{"Name": sh.Name})
	}
	if err != nil {
		return err
	}
	changes := shopChanges(old, sh)
	if changes == "" {
		return nil
	}
	err = d.store.Update(ctx, "save the shop "+sh.Name, func(tx *data.Tx) error {
		if err := data.UpdateShopTx(tx, sh, d.Now()); err != nil {
			return err
		}
		return data.AuditTx(tx, d.audit(sh, "shop.edit", changes))
	})
	return d.changed(err, Change{ChangedShop, sh.ID})
}
