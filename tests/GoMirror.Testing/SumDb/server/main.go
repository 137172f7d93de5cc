// Command sumdbtest serves a checksum database built from Go's own golang.org/x/mod/sumdb
// (NewServer over NewTestServer), for GoMirror's tests. It is compiled at test time against the
// x/mod copy vendored in the installed Go (see SumDbTestServer.cs); nothing of x/mod is in the repository.
//
//	sumdbtest key NAME                 print a fresh signer key and verifier key (note.GenerateKey)
//	sumdbtest vectors                  print tlog/note test vectors as JSON
//	sumdbtest serve -skey K -moddir D  serve the database on 127.0.0.1 (see the flags; -tls-cert/-tls-key
//	                                   for https, -basic-auth, -redirect); logs "GET <path>" per request and
//	                                   "AUTH <path>" when it carried an Authorization header
//	sumdbtest hashzip ZIP              dirhash.HashZip(ZIP, dirhash.Hash1): the h1: Go computes for a module zip
//	sumdbtest matchprefix FILE         for each "patterns<TAB>path" line, module.MatchPrefixPatterns: true or false
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: sumdbtest key|vectors|serve")
	}
	switch os.Args[1] {
	case "key":
		skey, vkey, err := note.GenerateKey(rand.Reader, os.Args[2])
		check(err)
		fmt.Println(skey)
		fmt.Println(vkey)
	case "vectors":
		vectors()
	case "serve":
		serve(os.Args[2:])
	case "hashzip":
		sum, err := dirhash.HashZip(os.Args[2], dirhash.Hash1)
		check(err)
		fmt.Println(sum)
	case "matchprefix":
		matchPrefix(os.Args[2])
	default:
		fail("unknown command " + os.Args[1])
	}
}

// matchPrefix answers with the function cmd/go itself calls for GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE.
func matchPrefix(file string) {
	data, err := os.ReadFile(file)
	check(err)
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		patterns, path, _ := strings.Cut(line, "\t")
		fmt.Println(module.MatchPrefixPatterns(patterns, path))
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "sumdbtest: "+msg)
	os.Exit(2)
}

func check(err error) {
	if err != nil {
		fail(err.Error())
	}
}

// hashes is an in-memory tlog.HashReader, as the test server keeps its hashes.
type hashes []tlog.Hash

func (h hashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(h)) {
			return nil, fmt.Errorf("index %d out of range", x)
		}
		out[i] = h[x]
	}
	return out, nil
}

// vectors prints what GoMirror's tlog and note code must reproduce, computed by Go's implementation.
func vectors() {
	type proof struct {
		T, N   int64
		Proof  []string
		Leaf   string `json:",omitempty"`
		Old    string `json:",omitempty"`
		Target string
	}
	type tile struct {
		H, L int
		N    int64
		W    int
		Path string
	}
	out := map[string]interface{}{}

	var records [][]byte
	var stored hashes
	var recordHashes, treeHashes, storedIndex []string
	for i := 0; i < 300; i++ {
		rec := []byte(fmt.Sprintf("example.com/m%d v1.0.%d h1:%s\nexample.com/m%d v1.0.%d/go.mod h1:%s\n",
			i, i, base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{byte(i)}, 32)), i, i,
			base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{byte(i + 1)}, 32))))
		records = append(records, rec)
		h := tlog.RecordHash(rec)
		recordHashes = append(recordHashes, h.String())
		more, err := tlog.StoredHashes(int64(i), rec, stored)
		check(err)
		stored = append(stored, more...)
		th, err := tlog.TreeHash(int64(i+1), stored)
		check(err)
		treeHashes = append(treeHashes, th.String())
		storedIndex = append(storedIndex, fmt.Sprint(tlog.StoredHashIndex(0, int64(i))))
	}
	out["Records"] = func() []string {
		s := make([]string, len(records))
		for i, r := range records {
			s[i] = string(r)
		}
		return s
	}()
	out["RecordHashes"] = recordHashes
	out["TreeHashes"] = treeHashes
	out["StoredHashCount"] = tlog.StoredHashCount(300)
	stAll := make([]string, len(stored))
	for i, h := range stored {
		stAll[i] = h.String()
	}
	out["StoredHashes"] = stAll

	var split []map[string]int64
	for _, idx := range []int64{0, 1, 2, 3, 4, 7, 100, 255, 256, 511, 512, 1000} {
		l, n := tlog.SplitStoredHashIndex(idx)
		split = append(split, map[string]int64{"Index": idx, "Level": int64(l), "N": n})
	}
	out["Split"] = split

	var recordProofs, treeProofs []proof
	for _, c := range [][2]int64{{1, 0}, {2, 1}, {7, 3}, {8, 7}, {13, 12}, {257, 0}, {300, 150}, {300, 299}} {
		p, err := tlog.ProveRecord(c[0], c[1], stored)
		check(err)
		th, _ := tlog.TreeHash(c[0], stored)
		recordProofs = append(recordProofs, proof{T: c[0], N: c[1], Proof: strs(p), Leaf: tlog.RecordHash(records[c[1]]).String(), Target: th.String()})
	}
	for _, c := range [][2]int64{{1, 1}, {2, 1}, {7, 3}, {8, 4}, {13, 8}, {257, 256}, {300, 1}, {300, 299}} {
		p, err := tlog.ProveTree(c[0], c[1], stored)
		check(err)
		th, _ := tlog.TreeHash(c[0], stored)
		oh, _ := tlog.TreeHash(c[1], stored)
		treeProofs = append(treeProofs, proof{T: c[0], N: c[1], Proof: strs(p), Old: oh.String(), Target: th.String()})
	}
	out["RecordProofs"] = recordProofs
	out["TreeProofs"] = treeProofs

	var tiles []tile
	add := func(t tlog.Tile) { tiles = append(tiles, tile{t.H, t.L, t.N, t.W, t.Path()}) }
	for _, idx := range []int64{0, 1, 2, 5, 100, 510, 511, 512, 100000, 2000000000} {
		add(tlog.TileForIndex(8, idx))
		add(tlog.TileForIndex(2, idx))
	}
	for _, t := range []tlog.Tile{{H: 8, L: -1, N: 0, W: 256}, {H: 8, L: -1, N: 1234067, W: 7}, {H: 8, L: 2, N: 1000, W: 256}} {
		add(t)
	}
	out["Tiles"] = tiles
	var tileData []map[string]interface{}
	for _, t := range []tlog.Tile{{H: 8, L: 0, N: 0, W: 256}, {H: 8, L: 0, N: 1, W: 44}, {H: 8, L: 1, N: 0, W: 1}, {H: 2, L: 1, N: 3, W: 2}} {
		data, err := tlog.ReadTileData(t, stored)
		check(err)
		tileData = append(tileData, map[string]interface{}{"Path": t.Path(), "Data": base64.StdEncoding.EncodeToString(data)})
	}
	out["TileData"] = tileData

	skey, vkey, err := note.GenerateKey(rand.Reader, "vectors.example")
	check(err)
	signer, err := note.NewSigner(skey)
	check(err)
	th, _ := tlog.TreeHash(300, stored)
	text := tlog.FormatTree(tlog.Tree{N: 300, Hash: th})
	signed, err := note.Sign(&note.Note{Text: string(text)}, signer)
	check(err)
	_, otherKey, err := note.GenerateKey(rand.Reader, "other.example")
	check(err)
	out["VerifierKey"] = vkey
	out["OtherVerifierKey"] = otherKey
	out["SignedTree"] = string(signed)
	out["TreeText"] = string(text)
	v, err := note.NewVerifier(vkey)
	check(err)
	out["KeyHash"] = fmt.Sprintf("%08x", v.KeyHash())
	rec, err := tlog.FormatRecord(42, records[42])
	check(err)
	out["FormattedRecord"] = string(rec)

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	check(enc.Encode(out))
}

func strs(hs []tlog.Hash) []string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = h.String()
	}
	return s
}

// serve runs NewServer(NewTestServer(...)). The database's go.sum lines for M@V are Go's own hashes of
// <moddir>/<escaped M>/@v/<V>.zip and .mod (dirhash), unless -lines names a file of go.sum lines, which take
// precedence (a database that disagrees with the mirror). -moddir is also served as a module proxy, so one
// process can be "a proxy that supports /sumdb/"; -proxy-sumdb turns that support on.
func serve(args []string) {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	skey := fs.String("skey", "", "signer key (PRIVATE+KEY+...)")
	moddir := fs.String("moddir", "", "module proxy folder the hashes come from")
	linesFile := fs.String("lines", "", "file of go.sum lines that override the computed hashes")
	proxySumdb := fs.Bool("proxy-sumdb", false, "also answer <moddir>-style proxy requests and /sumdb/<name>/ (a proxy that supports the database)")
	forgeRecord := fs.String("forge-record", "", "M@V whose lookup answers with altered record text (not the text in the tree)")
	forgeSignature := fs.Bool("forge-signature", false, "sign tree heads with another key under the same name and key hash")
	latency := fs.Duration("latency", 0, "delay before answering each request (network latency, for benchmarks)")
	tlsCert := fs.String("tls-cert", "", "PEM certificate file: serve https instead of http")
	tlsKey := fs.String("tls-key", "", "PEM private key file of -tls-cert")
	basicAuth := fs.String("basic-auth", "", "user:password every request must carry as Basic auth (401 otherwise)")
	proxyPrefix := fs.String("proxy-prefix", "", "with -proxy-sumdb, serve the module files under this path prefix instead of the root")
	redirect := fs.String("redirect", "", "after the auth check, answer every request with 302 to this URL plus the path")
	fs.Parse(args)

	signer, err := note.NewSigner(*skey)
	check(err)
	name := signer.Name()
	override := map[string][]byte{}
	if *linesFile != "" {
		data, err := os.ReadFile(*linesFile)
		check(err)
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) != 3 {
				continue
			}
			key := f[0] + "@" + strings.TrimSuffix(f[1], "/go.mod")
			override[key] = append(override[key], []byte(line+"\n")...)
		}
	}
	gosum := func(path, vers string) ([]byte, error) {
		if lines, ok := override[path+"@"+vers]; ok {
			return lines, nil
		}
		epath, err := module.EscapePath(path)
		if err != nil {
			return nil, err
		}
		evers, err := module.EscapeVersion(vers)
		if err != nil {
			return nil, err
		}
		base := filepath.Join(*moddir, filepath.FromSlash(epath), "@v", evers)
		zh, err := dirhash.HashZip(base+".zip", dirhash.Hash1)
		if err != nil {
			return nil, os.ErrNotExist
		}
		mh, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return os.Open(base + ".mod") })
		if err != nil {
			return nil, os.ErrNotExist
		}
		return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, zh, path, vers, mh)), nil
	}
	ops := sumdb.ServerOps(sumdb.NewTestServer(*skey, gosum))
	if *forgeRecord != "" || *forgeSignature {
		ops = &forger{ServerOps: ops, record: *forgeRecord, name: name, forgeSig: *forgeSignature, hash: signer.KeyHash()}
	}
	db := sumdb.NewServer(ops)

	var logMu sync.Mutex
	out := bufio.NewWriter(os.Stdout)
	logRequest := func(r *http.Request) {
		logMu.Lock()
		fmt.Fprintf(out, "GET %s\n", r.URL.Path)
		if r.Header.Get("Authorization") != "" {
			fmt.Fprintf(out, "AUTH %s\n", r.URL.Path)
		}
		out.Flush()
		logMu.Unlock()
	}
	files := http.FileServer(http.Dir(*moddir))
	prefix := "/sumdb/" + name
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logRequest(r)
		time.Sleep(*latency)
		if *basicAuth != "" {
			user, password, ok := r.BasicAuth()
			if !ok || user+":"+password != *basicAuth {
				w.Header().Set("WWW-Authenticate", `Basic realm="sumdbtest"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		if *redirect != "" {
			http.Redirect(w, r, strings.TrimSuffix(*redirect, "/")+r.URL.Path, http.StatusFound)
			return
		}
		switch {
		case *proxySumdb && r.URL.Path == prefix+"/supported":
			w.WriteHeader(http.StatusOK)
		case *proxySumdb && strings.HasPrefix(r.URL.Path, prefix+"/"):
			r2 := r.Clone(r.Context())
			r2.URL.Path = strings.TrimPrefix(r.URL.Path, prefix)
			db.ServeHTTP(w, r2)
		case *proxySumdb && strings.Contains(r.URL.Path, "/@v/") && strings.HasPrefix(r.URL.Path, *proxyPrefix+"/"):
			r2 := r.Clone(r.Context())
			r2.URL.Path = strings.TrimPrefix(r.URL.Path, *proxyPrefix)
			files.ServeHTTP(w, r2)
		case *proxySumdb:
			http.NotFound(w, r)
		default:
			db.ServeHTTP(w, r)
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	logMu.Lock()
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	fmt.Fprintf(out, "listening %s://%s\n", scheme, ln.Addr())
	out.Flush()
	logMu.Unlock()
	if *tlsCert != "" {
		check(http.ServeTLS(ln, handler, *tlsCert, *tlsKey))
	}
	check(http.Serve(ln, handler))
}

// forger wraps the honest server to misbehave in one chosen way.
type forger struct {
	sumdb.ServerOps
	record   string
	name     string
	hash     uint32
	forgeSig bool
}

func (f *forger) ReadRecords(ctx context.Context, id, n int64) ([][]byte, error) {
	recs, err := f.ServerOps.ReadRecords(ctx, id, n)
	if err != nil || f.record == "" {
		return recs, err
	}
	i := strings.Index(f.record, "@")
	prefix := f.record[:i] + " " + f.record[i+1:] + " "
	for k, r := range recs {
		if bytes.HasPrefix(r, []byte(prefix)) {
			// Same shape, the first hash replaced: what a database serving a different record would send.
			lines := strings.Split(string(r), "\n")
			fields := strings.Fields(lines[0])
			sum := sha256.Sum256([]byte("forged"))
			fields[2] = "h1:" + base64.StdEncoding.EncodeToString(sum[:])
			lines[0] = strings.Join(fields, " ")
			recs[k] = []byte(strings.Join(lines, "\n"))
		}
	}
	return recs, nil
}

func (f *forger) Signed(ctx context.Context) ([]byte, error) {
	signed, err := f.ServerOps.Signed(ctx)
	if err != nil || !f.forgeSig {
		return signed, err
	}
	n, err := note.Open(signed, note.VerifierList())
	if n == nil {
		n = err.(*note.UnverifiedNoteError).Note
	}
	other, _, err := note.GenerateKey(rand.Reader, f.name)
	check(err)
	s, err := note.NewSigner(other)
	check(err)
	return note.Sign(&note.Note{Text: n.Text}, &sameHash{s, f.hash})
}

// sameHash signs with another key but claims the database's key hash: a bad signature, not an unknown key.
type sameHash struct {
	note.Signer
	hash uint32
}

func (s *sameHash) KeyHash() uint32 { return s.hash }
