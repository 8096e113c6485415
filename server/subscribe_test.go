package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

const changesSubscription = `subscription { graphChanged { version added changed removed reset } }`

// change is one graphChanged event as a client reads it.
type change struct {
	Version                 int64
	Added, Changed, Removed []string
	Reset                   bool
	At                      time.Time `json:"-"` // when the subscriber received it
}

// sseChanges subscribes over Server-Sent Events and sends each change on
// the channel.
func sseChanges(t *testing.T, base, key, query string) <-chan change {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("SSE subscription: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan change, 100)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var msg struct {
				Data struct{ GraphChanged change }
			}
			if json.Unmarshal([]byte(data), &msg) == nil && msg.Data.GraphChanged.Version > 0 {
				c := msg.Data.GraphChanged
				c.At = time.Now()
				out <- c
			}
		}
	}()
	return out
}

// wsChanges subscribes over a WebSocket (graphql-transport-ws), the key in
// the connection_init payload, and sends each change on the channel; err
// is the error of connection_init or of the subscription, if any.
func wsChanges(t *testing.T, base, key, query string) (<-chan change, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { conn.CloseNow() })
	payload := map[string]any{}
	if key != "" {
		payload["Authorization"] = "Bearer " + key
	}
	if err := wsjson.Write(ctx, conn, map[string]any{"type": "connection_init", "payload": payload}); err != nil {
		return nil, err
	}
	var ack struct{ Type string }
	if err := wsjson.Read(ctx, conn, &ack); err != nil {
		return nil, err
	}
	if ack.Type != "connection_ack" {
		return nil, fmt.Errorf("connection_init answered %q", ack.Type)
	}
	if err := wsjson.Write(ctx, conn, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query}}); err != nil {
		return nil, err
	}
	out := make(chan change, 100)
	go func() {
		defer close(out)
		for {
			var msg struct {
				Type    string
				Payload struct {
					Data struct{ GraphChanged change }
				}
			}
			if err := wsjson.Read(ctx, conn, &msg); err != nil {
				return
			}
			if msg.Type == "next" {
				c := msg.Payload.Data.GraphChanged
				c.At = time.Now()
				out <- c
			}
		}
	}()
	return out, nil
}

// next waits for the next change.
func next(t *testing.T, what string, ch <-chan change, within time.Duration) change {
	t.Helper()
	select {
	case c, ok := <-ch:
		if !ok {
			t.Fatalf("%s: the subscription ended", what)
		}
		return c
	case <-time.After(within):
		t.Fatalf("%s: no change within %s", what, within)
	}
	return change{}
}

// none checks that no change comes for a while.
func none(t *testing.T, what string, ch <-chan change) {
	t.Helper()
	select {
	case c := <-ch:
		t.Errorf("%s: an unexpected change %+v", what, c)
	case <-time.After(300 * time.Millisecond):
	}
}

// A write reaches subscribers over both transports, once, in order; a
// filter keeps the ids asked for.
func TestSubscriptionsSeeWrites(t *testing.T) {
	base, _, _ := start(t, nil, map[string]string{"PARTNERGRAPH_API_KEYS": testKey})
	sse := sseChanges(t, base, "", changesSubscription)
	ws, err := wsChanges(t, base, "", changesSubscription)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := wsChanges(t, base, "", `subscription { graphChanged(kinds: [ORGANISATION]) { version added changed removed } }`)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the subscriptions are made before the writes
	sheet := "Anger Management in Estonian Prisons\n\nProject facts\n\nProject promoter:\nEstonian Prison Service\nProject Number:\nEE09-0007\n"
	for i, text := range []string{sheet, strings.Replace(sheet, "Anger Management", "Anger Control", 1)} {
		if code, res := gql(t, base, testKey, ingestMutation, map[string]any{"name": "ee-extra.txt", "text": text}); code != 200 || res["errors"] != nil {
			t.Fatalf("write %d: %d %v", i, code, res)
		}
	}
	if code, res := gql(t, base, testKey, `mutation { deleteDocument(id: "doc:ee-extra-txt") { removedIds } }`, nil); code != 200 || res["errors"] != nil {
		t.Fatalf("delete: %d %v", code, res)
	}
	for name, ch := range map[string]<-chan change{"SSE": sse, "WebSocket": ws} {
		first, second, third := next(t, name, ch, time.Second), next(t, name, ch, time.Second), next(t, name, ch, time.Second)
		if !slices.Contains(first.Added, "project:ee09-0007") || !slices.Contains(first.Added, "org:estonian-prison-service") {
			t.Errorf("%s: the first write added %v", name, first.Added)
		}
		if !slices.Contains(second.Changed, "project:ee09-0007") || len(second.Added) != 0 {
			t.Errorf("%s: the replacement: %+v", name, second)
		}
		if !slices.Contains(third.Removed, "project:ee09-0007") {
			t.Errorf("%s: the delete removed %v", name, third.Removed)
		}
		if !(first.Version < second.Version && second.Version < third.Version) {
			t.Errorf("%s: versions %d, %d, %d are not in order", name, first.Version, second.Version, third.Version)
		}
		none(t, name, ch)
	}
	// The replacement changed no organisation: the filtered subscription
	// sees the first write and the delete only, with organisations only.
	a, b := next(t, "organisations", orgs, time.Second), next(t, "organisations", orgs, time.Second)
	for _, c := range []change{a, b} {
		for _, id := range append(append(append([]string(nil), c.Added...), c.Changed...), c.Removed...) {
			if !strings.HasPrefix(id, "org:") {
				t.Errorf("the organisations' subscription got %s", id)
			}
		}
	}
	if !slices.Contains(b.Removed, "org:estonian-prison-service") {
		t.Errorf("the organisations' subscription: %+v then %+v", a, b)
	}
	none(t, "organisations", orgs)
}

// With -reads-need-key a subscription needs a key too: in the header for
// SSE, in connection_init for a WebSocket.
func TestSubscriptionsNeedAKeyWhenReadsDo(t *testing.T) {
	base, _, _ := start(t, []string{"-reads-need-key"}, map[string]string{"PARTNERGRAPH_API_KEYS": testKey})
	if _, err := wsChanges(t, base, "", changesSubscription); err == nil {
		t.Error("a WebSocket without a key was taken")
	}
	if _, err := wsChanges(t, base, "not-a-key-at-all-at-all", changesSubscription); err == nil {
		t.Error("a WebSocket with a wrong key was taken")
	}
	if _, err := wsChanges(t, base, testKey, changesSubscription); err != nil {
		t.Errorf("a WebSocket with the key: %v", err)
	}
	body, _ := json.Marshal(map[string]any{"query": changesSubscription})
	req, _ := http.NewRequest("POST", base+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("SSE without a key: %d, want 401", resp.StatusCode)
	}
	sse := sseChanges(t, base, testKey, changesSubscription)
	time.Sleep(100 * time.Millisecond)
	if code, res := gql(t, base, testKey, ingestMutation, map[string]any{"name": "ee-extra.txt", "text": "Anger Management in Estonian Prisons\n\nProject facts\n\nProject promoter:\nEstonian Prison Service\nProject Number:\nEE09-0007\n"}); code != 200 || res["errors"] != nil {
		t.Fatalf("write: %d %v", code, res)
	}
	next(t, "SSE with the key", sse, time.Second)
}

// Limits hold for subscriptions: one with more aliases than -max-aliases is
// refused as a query is, and past -max-subscriptions a new one is refused
// with 503.
func TestSubscriptionLimits(t *testing.T) {
	base, _, _ := start(t, []string{"-max-subscriptions", "1", "-max-aliases", "2"}, nil)
	stream := func(query string) (*http.Response, error) {
		body, _ := json.Marshal(map[string]any{"query": query})
		req, _ := http.NewRequest("POST", base+"/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		return http.DefaultClient.Do(req)
	}
	resp, err := stream(`subscription { graphChanged { a: version b: version c: version } }`)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "event: complete") {
		all.WriteString(sc.Text() + "\n")
	}
	resp.Body.Close()
	if !strings.Contains(all.String(), "aliases") || !strings.Contains(all.String(), `"errors"`) {
		t.Errorf("a subscription over the alias limit:\n%s", all.String())
	}
	sseChanges(t, base, "", changesSubscription)
	time.Sleep(100 * time.Millisecond)
	resp, err = stream(changesSubscription)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a second subscription past -max-subscriptions 1: %d, want 503", resp.StatusCode)
	}
}

// On one Neo4j, a write through any server reaches the subscribers of
// every server: each change once, in the order of the versions, within
// two seconds.
func TestSubscribersOfEveryServerOnOneNeo4j(t *testing.T) {
	env := neo4jEnv(t)
	env["PARTNERGRAPH_API_KEYS"] = testKey
	a, _, _ := start(t, []string{"-sample"}, env)
	b, _, _ := start(t, nil, env)
	subs := map[string]<-chan change{"A over SSE": sseChanges(t, a, "", changesSubscription), "B over SSE": sseChanges(t, b, "", changesSubscription)}
	ws, err := wsChanges(t, b, "", changesSubscription)
	if err != nil {
		t.Fatal(err)
	}
	subs["B over WebSocket"] = ws
	time.Sleep(300 * time.Millisecond)
	var codes []string
	written := map[string]time.Time{}
	for i := 0; i < 6; i++ {
		base := []string{a, b}[i%2]
		code := fmt.Sprintf("EE09-%04d", 100+i)
		sheet := fmt.Sprintf("Project %d\n\nProject facts\n\nProject promoter:\nEstonian Prison Service\nProject Number:\n%s\n", i, code)
		if c, res := gql(t, base, testKey, ingestMutation, map[string]any{"name": fmt.Sprintf("live-%d.txt", i), "text": sheet}); c != 200 || res["errors"] != nil {
			t.Fatalf("write %d: %d %v", i, c, res)
		}
		id := "project:" + strings.ToLower(code)
		codes = append(codes, id)
		written[id] = time.Now()
	}
	for name, ch := range subs {
		last := int64(0)
		for i, id := range codes {
			c := next(t, name, ch, 2*time.Second)
			if !slices.Contains(c.Added, id) {
				t.Errorf("%s: change %d added %v, want %s", name, i, c.Added, id)
			}
			if c.Version <= last {
				t.Errorf("%s: version %d after %d", name, c.Version, last)
			}
			// When the change reached the subscriber, not when the test
			// reads it (after all six writes).
			if d := c.At.Sub(written[id]); d > 2*time.Second {
				t.Errorf("%s: %s came %s after its write", name, id, d)
			}
			last = c.Version
		}
		none(t, name, ch)
	}
}
