package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

const shopColumns = `id, name, platform, site, code, client, opened, contract_end, deposit, currency, rule_set,
	account_holder, account_bank, account_number, account_swift, notes,
	closure_notice, marketing_stopped, creators_unbound, commissions_settled, dues_settled, created_at, updated_at, row_version`

type rowScanner interface{ Scan(...any) error }

func scanShop(r rowScanner) (Shop, error) {
	var s Shop
	var created, updated string
	err := r.Scan(&s.ID, &s.Name, &s.Platform, &s.Site, &s.Code, &s.Client, &s.Opened, &s.ContractEnd,
		&s.Deposit, &s.Currency, &s.RuleSet,
		&s.Account.Holder, &s.Account.Bank, &s.Account.Number, &s.Account.Swift, &s.Notes,
		&s.Steps.ClosureNotice, &s.Steps.MarketingStopped, &s.Steps.CreatorsUnbound,
		&s.Steps.CommissionsSettled, &s.Steps.DuesSettled, &created, &updated, &s.Version)
	s.CreatedAt, s.UpdatedAt = parseNow(created), parseNow(updated)
	return s, err
}

func shopArgs(s Shop) []any {
	return []any{s.Name, s.Platform, strings.ToUpper(s.Site), s.Code, s.Client, s.Opened, s.ContractEnd,
		s.Deposit, strings.ToUpper(s.Currency), s.RuleSet,
		s.Account.Holder, s.Account.Bank, s.Account.Number, s.Account.Swift, s.Notes,
		s.Steps.ClosureNotice, s.Steps.MarketingStopped, s.Steps.CreatorsUnbound,
		s.Steps.CommissionsSettled, s.Steps.DuesSettled}
}

// Shops lists every shop by name.
func (s *Store) Shops(ctx context.Context) ([]Shop, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+shopColumns+" FROM shops ORDER BY name COLLATE NOCASE")
	out, err := collect(rows, err, scanShop)
	return out, reading(err, "list the shops")
}

// ShopByName finds a shop by its name (case-insensitive); ErrNotFound when none.
func (s *Store) ShopByName(ctx context.Context, name string) (Shop, error) {
	sh, err := scanShop(s.read.QueryRowContext(ctx, "SELECT "+shopColumns+" FROM shops WHERE name = ?", strings.TrimSpace(name)))
	if err != nil {
		return Shop{}, reading(err, "read the shop %q", name)
	}
	return sh, nil
}

// ShopByID finds a shop by id; ErrNotFound when none.
func (s *Store) ShopByID(ctx context.Context, id int64) (Shop, error) {
	sh, err := scanShop(s.read.QueryRowContext(ctx, "SELECT "+shopColumns+" FROM shops WHERE id = ?", id))
	if err != nil {
		return Shop{}, reading(err, "read shop %d", id)
	}
	return sh, nil
}

// AddShop inserts a new shop and returns it with its id.
func (s *Store) AddShop(ctx context.Context, sh Shop, now time.Time) (Shop, error) {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		sh, err = AddShopTx(tx, sh, now)
		return err
	})
	return sh, err
}

// AddShopTx inserts a new shop inside a transaction.
func AddShopTx(tx Querier, sh Shop, now time.Time) (Shop, error) {
	sh.Name = strings.TrimSpace(sh.Name)
	var exists int
	tx.QueryRow("SELECT count(*) FROM shops WHERE name = ?", sh.Name).Scan(&exists)
	if exists > 0 {
		return sh, Msg("A shop named {{.Name}} already exists.", map[string]any{"Name": sh.Name})
	}
	args := append(shopArgs(sh), nowText(now), nowText(now))
	res, err := tx.Exec(`INSERT INTO shops(name, platform, site, code, client, opened, contract_end, deposit, currency, rule_set,
		account_holder, account_bank, account_number, account_swift, notes,
		closure_notice, marketing_stopped, creators_unbound, commissions_settled, dues_settled, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, args...)
	if err != nil {
		return sh, shopNameTaken(err, sh.Name)
	}
	sh.ID, _ = res.LastInsertId()
	sh.Site, sh.Currency = strings.ToUpper(sh.Site), strings.ToUpper(sh.Currency)
	sh.CreatedAt, sh.UpdatedAt, sh.Version = now, now, 1
	return sh, nil
}

// UpdateShopTx writes every field of an existing shop. When sh.Version is
// set and the stored shop has moved past it, the edit is refused (Stale).
func UpdateShopTx(tx Querier, sh Shop, now time.Time) error {
	var clash int
	tx.QueryRow("SELECT count(*) FROM shops WHERE name = ? AND id <> ?", strings.TrimSpace(sh.Name), sh.ID).Scan(&clash)
	if clash > 0 {
		return Msg("A shop named {{.Name}} already exists.", map[string]any{"Name": sh.Name})
	}
	sh.Name = strings.TrimSpace(sh.Name)
	args := append(shopArgs(sh), nowText(now), sh.ID, sh.Version, sh.Version)
	res, err := tx.Exec(`UPDATE shops SET name=?, platform=?, site=?, code=?, client=?, opened=?, contract_end=?, deposit=?, currency=?, rule_set=?,
		account_holder=?, account_bank=?, account_number=?, account_swift=?, notes=?,
		closure_notice=?, marketing_stopped=?, creators_unbound=?, commissions_settled=?, dues_settled=?, updated_at=?,
		row_version = row_version + 1
		WHERE id=? AND (? = 0 OR row_version = ?)`, args...)
	if err != nil {
		return shopNameTaken(err, sh.Name)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return staleOrMissing(tx, "shops", sh.ID, sh.ID, sh.Name, msgStaleShop)
	}
	return nil
}
