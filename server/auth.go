package main

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// API keys. The server keeps only their SHA-256 hashes: a key given in the
// environment or a file is hashed as it is read, and a file may hold the
// hashes alone ("sha256:<hex>", from `server hash-key`), so the keys need
// not be on the server's disk at all.

// keyring is the set of hashes of the accepted keys.
type keyring struct {
	hashes [][sha256.Size]byte
}

const hashPrefix = "sha256:"

// add takes one entry: a key, or the hash of one.
func (k *keyring) add(entry, where string) error {
	entry = strings.TrimSpace(entry)
	if entry == "" || strings.HasPrefix(entry, "#") {
		return nil
	}
	if hexHash, ok := strings.CutPrefix(entry, hashPrefix); ok {
		b, err := hex.DecodeString(hexHash)
		if err != nil || len(b) != sha256.Size {
			return fmt.Errorf("%s: %q is not a sha256: hash of 64 hex digits", where, truncate(entry, 12))
		}
		k.hashes = append(k.hashes, [sha256.Size]byte(b))
		return nil
	}
	if len(entry) < 16 {
		return fmt.Errorf("%s: an API key must be at least 16 characters", where)
	}
	k.hashes = append(k.hashes, sha256.Sum256([]byte(entry)))
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// loadKeys reads the keys of the environment (comma-separated) and of the
// file (one a line, # comments).
func loadKeys(env, file string) (*keyring, error) {
	k := &keyring{}
	for _, e := range strings.Split(env, ",") {
		if err := k.add(e, "PARTNERGRAPH_API_KEYS"); err != nil {
			return nil, err
		}
	}
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("-api-keys-file: %w", err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			if err := k.add(sc.Text(), fmt.Sprintf("%s line %d", file, n)); err != nil {
				return nil, err
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("-api-keys-file: %w", err)
		}
	}
	return k, nil
}

// check returns the principal of a key, or nil when the key is not one of
// the ring's. Every hash is compared, in constant time each.
func (k *keyring) check(key string) *partnergraph.Principal {
	h := sha256.Sum256([]byte(key))
	found := -1
	for i, want := range k.hashes {
		if subtle.ConstantTimeCompare(h[:], want[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return nil
	}
	return &partnergraph.Principal{KeyID: hex.EncodeToString(h[:4])}
}

// authenticate reads the Authorization header. A request with a valid key
// carries its principal on; one with a wrong or malformed key is refused
// with EUNAUTHORIZED, and so is one with no key when reads need a key. The
// key itself is never logged.
func authenticate(next http.Handler, keys *keyring, readsNeedKey bool, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := r.Header.Get("Authorization")
		if header == "" {
			if readsNeedKey && r.Method != http.MethodOptions {
				refuse(w, r, log, "this server needs an API key for every request: send Authorization: Bearer <key>", "missing")
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		scheme, key, ok := strings.Cut(header, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
			refuse(w, r, log, "the Authorization header must be Bearer <key>", "malformed")
			return
		}
		p := keys.check(strings.TrimSpace(key))
		if p == nil {
			refuse(w, r, log, "the API key is not valid", "wrong")
			return
		}
		next.ServeHTTP(w, r.WithContext(partnergraph.WithPrincipal(r.Context(), p)))
	})
}

func refuse(w http.ResponseWriter, r *http.Request, log *slog.Logger, msg, why string) {
	log.WarnContext(r.Context(), "request refused", "code", partnergraph.EUNAUTHORIZED, "key", why, "path", r.URL.Path, "remote", r.RemoteAddr)
	w.Header().Set("WWW-Authenticate", `Bearer realm="partnergraph"`)
	writeError(w, http.StatusUnauthorized, partnergraph.EUNAUTHORIZED, msg)
}

// writeError answers a request the GraphQL way, an error with its code,
// outside of the GraphQL handler.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]string{"code": code}}}})
	w.Write(append(b, '\n'))
}

// runHashKey is `server hash-key`: reads a key on standard input and prints
// the line to put in an -api-keys-file.
func runHashKey(stdin io.Reader, stdout io.Writer) error {
	b, err := io.ReadAll(io.LimitReader(stdin, 4096))
	if err != nil {
		return err
	}
	key := strings.TrimSpace(string(b))
	if key == "" || strings.HasPrefix(key, hashPrefix) {
		return fmt.Errorf("give the key itself on standard input, e.g. `openssl rand -hex 32 | tee key.txt | server hash-key`")
	}
	if err := (&keyring{}).add(key, "the key"); err != nil {
		return err // too short
	}
	h := sha256.Sum256([]byte(key))
	fmt.Fprintln(stdout, hashPrefix+hex.EncodeToString(h[:]))
	return nil
}
