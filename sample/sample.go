// Package sample holds the bundled sample corpus: project sheets written for
// Partnergraph that carry the facts and figures of five real projects in
// the layouts the ingester reads. The server loads it when no -docs
// directory is given.
package sample

import "embed"

// FS holds the sample sheets (*.txt).
//
//go:embed *.txt
var FS embed.FS
