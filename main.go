// Deposit Desk (保证金助手): know, shop by shop, when a marketplace deposit
// can be refunded, what blocks it, and follow the application until the money
// is back. With no command it opens the window; with one it runs the command line.
package main

import (
	"fmt"
	"os"

	"depositdesk/app"
	"depositdesk/app/cli"
	"depositdesk/screens"
)

func main() {
	db, rest, err := cli.SplitDB(os.Args[1:])
	if err != nil || len(rest) > 0 {
		app.LimitMemory()
		os.Exit(cli.Run(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	if db == "" {
		if db, err = app.DefaultDBPath(); err != nil {
			fmt.Fprintln(os.Stderr, "depositdesk:", err)
			os.Exit(1)
		}
	}
	screens.Run(db)
}
