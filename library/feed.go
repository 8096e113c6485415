package library

import (
	"context"
	"sync"
	"time"

	"github.com/partnergraph/partnergraph"
)

// The change feed. On the embedded store a write tells the subscribers of
// its server when it is made. On a shared database (a Corpus) every write
// is logged in the database with its version, and each server follows the
// log while it has subscribers, so a write through any server reaches the
// subscribers of all of them, in the order of the versions, once each.

var _ partnergraph.ChangeFeed = (*Library)(nil)

// SubscriberBuffer is how many changes a subscriber may fall behind
// before it is let go.
const SubscriberBuffer = 1024

// FollowInterval is how often a server on a shared database reads the
// change log while it has subscribers.
var FollowInterval = 200 * time.Millisecond

type feed struct {
	mu      sync.Mutex
	subs    map[chan partnergraph.GraphChange]struct{}
	version int64 // the last change told
	// following: a goroutine reads the database's change log.
	following bool
	stop      chan struct{}
	done      chan struct{}
}

// Changes returns the changes made after the call, in order.
func (l *Library) Changes(ctx context.Context) (<-chan partnergraph.GraphChange, error) {
	f := &l.feed
	ch := make(chan partnergraph.GraphChange, SubscriberBuffer)
	f.mu.Lock()
	if f.subs == nil {
		f.subs = map[chan partnergraph.GraphChange]struct{}{}
	}
	if l.corpus != nil && !f.following {
		// The log is followed from the version the database is at now.
		v, err := l.corpus.CorpusVersion(ctx)
		if err != nil {
			f.mu.Unlock()
			return nil, err
		}
		f.version, f.following = v, true
		f.stop, f.done = make(chan struct{}), make(chan struct{})
		go l.follow(f.stop, f.done)
	}
	f.subs[ch] = struct{}{}
	f.mu.Unlock()
	go func() {
		<-ctx.Done()
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[ch]; ok {
			delete(f.subs, ch)
			close(ch)
		}
	}()
	return ch, nil
}

// publish tells the subscribers of a change; one that is too far behind
// is let go. Called with f.mu held.
func (f *feed) publish(c partnergraph.GraphChange) {
	f.version = c.Version
	for ch := range f.subs {
		select {
		case ch <- c:
		default:
			delete(f.subs, ch)
			close(ch)
		}
	}
}

// told tells of a write made through this library on the embedded store.
func (l *Library) told(added, changed, removed []string) {
	if l.corpus != nil {
		return // the change log tells every server, this one too
	}
	f := &l.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	isAdded := map[string]bool{}
	for _, id := range added {
		isAdded[id] = true
	}
	c := partnergraph.GraphChange{Version: f.version + 1, Added: added, Removed: removed}
	for _, id := range changed {
		if !isAdded[id] {
			c.Changed = append(c.Changed, id)
		}
	}
	f.publish(c)
}

// follow reads the database's change log while there are subscribers.
func (l *Library) follow(stop, done chan struct{}) {
	defer close(done)
	f := &l.feed
	t := time.NewTicker(FollowInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		f.mu.Lock()
		if len(f.subs) == 0 {
			f.following = false
			f.mu.Unlock()
			return
		}
		since := f.version
		f.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		changes, _, err := l.corpus.ChangesSince(ctx, since)
		cancel()
		if err != nil {
			l.log.Warn("the change log could not be read; trying again", "err", err)
			continue
		}
		f.mu.Lock()
		for _, c := range changes {
			if c.Version > f.version {
				f.publish(c)
			}
		}
		f.mu.Unlock()
	}
}

// stopFollowing ends the reading of the change log and lets every
// subscriber go.
func (l *Library) stopFollowing() {
	f := &l.feed
	f.mu.Lock()
	stop, done := f.stop, f.done
	following := f.following
	f.following = false
	for ch := range f.subs {
		delete(f.subs, ch)
		close(ch)
	}
	f.mu.Unlock()
	if following {
		close(stop)
		<-done
	}
}
