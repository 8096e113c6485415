package main

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"io/fs"
	"net/http"
	"net/url"

	"github.com/99designs/gqlgen/graphql/playground"
)

// static holds the files served under /assets/. The vendor/ files come from
// npm (see web/package.json) and are copied in by `make assets`.
//
//go:embed static
var static embed.FS

// GraphiQL's files, as npm installs them, under /assets/.
const (
	graphiqlJS  = "vendor/graphiql/graphiql.min.js"
	graphiqlCSS = "vendor/graphiql/graphiql.min.css"
	reactJS     = "vendor/react/react.production.min.js"
	reactDOMJS  = "vendor/react-dom/react-dom.production.min.js"
)

func staticFS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err)
	}
	return sub
}

func assetsHandler() http.Handler {
	fsys := staticFS()
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// sri returns the subresource-integrity hash of an embedded file.
func sri(fsys fs.FS, name string) (string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:]), nil
}

// playgroundHandler serves GraphiQL with its scripts from /assets/, so that
// it works with no internet. Without the assets it says how to get them.
func playgroundHandler() http.Handler {
	fsys := staticFS()
	var hashes [4]string
	for i, name := range []string{graphiqlJS, graphiqlCSS, reactJS, reactDOMJS} {
		h, err := sri(fsys, name)
		if err != nil {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "GraphiQL's assets are not built into this server: run `make assets` (npm install in web/) and rebuild. The API itself is at /graphql.", http.StatusServiceUnavailable)
			})
		}
		hashes[i] = h
	}
	page := playground.Handler("Partnergraph", "/graphql",
		playground.WithGraphiqlVersion("/assets/"+graphiqlJS, "/assets/"+graphiqlCSS, hashes[0], hashes[1]),
		playground.WithGraphiqlReactVersion("/assets/"+reactJS, "/assets/"+reactDOMJS, hashes[2], hashes[3]),
		playground.WithStoragePrefix("partnergraph"),
		playground.WithGraphiqlPersistStateInURL(true),
	)
	// A first visit opens with an example query instead of an empty editor.
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "" {
			http.Redirect(w, r, "/?query="+url.QueryEscape(exampleQuery), http.StatusFound)
			return
		}
		page.ServeHTTP(w, r)
	})
}

// The explorer's drawing library, as npm installs it, under /assets/.
const cytoscapeJS = "vendor/cytoscape/cytoscape.min.js"

// explorerHandler serves the explorer page. Its scripts come from
// /assets/: the page's own from static/explorer, the drawing library from
// npm (vendor/). Without them it says how to get them.
func explorerHandler() http.Handler {
	fsys := staticFS()
	page, err := fs.ReadFile(fsys, "explorer/index.html")
	_, verr := fs.Stat(fsys, cytoscapeJS)
	if err != nil || verr != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "The explorer's assets are not built into this server: run `make assets` (npm install in web/) and rebuild. The API itself is at /graphql.", http.StatusServiceUnavailable)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(page)
	})
}

// exampleQuery is what GraphiQL shows on a first visit.
const exampleQuery = `# Partnergraph: who works with whom on prison and probation projects.
# Press the run button (or Ctrl-Enter). The Docs pane lists every field.
{
  project(code: "LT14-0004") {
    title
    promoter { name country { code } }
    partners { role organisation { name acronym country { code } } }
    outcomes { value unit planned }
  }
  organisation(name: "KRUS") {
    name
    aliases
    partnered { totalCount nodes { code title country { name } } }
  }
}
`
