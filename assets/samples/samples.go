// Package samples holds the sample exports the demo imports: real-format
// TikTok Shop order and returns exports, made by generate.go.
package samples

import "embed"

// Files are the sample exports, by file name.
//
//go:embed *.xlsx *.csv
var Files embed.FS
