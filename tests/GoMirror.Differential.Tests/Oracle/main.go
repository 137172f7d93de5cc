// Command oracle answers differential-test cases with Go's own code: golang.org/x/mod as vendored in the Go
// release that builds it, and the standard library (net/url, unicode). It is built at test time by
// GoOracle.cs; this file is its only source.
//
// Usage: oracle AREA. Each stdin line is one case: tab-separated fields, each base64 (standard encoding) so
// any byte can pass. Each stdout line is the answer to the case on the same line, in the same encoding.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: oracle AREA")
		os.Exit(2)
	}
	area := os.Args[1]
	if area == "unicode" {
		unicodeTables()
		return
	}
	answer, ok := areas[area]
	if !ok {
		fmt.Fprintln(os.Stderr, "unknown area", area)
		os.Exit(2)
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	for {
		line, err := in.ReadString('\n')
		if line == "" && err != nil {
			return
		}
		line = strings.TrimSuffix(line, "\n")
		var fields []string
		for _, f := range strings.Split(line, "\t") {
			b, err := base64.StdEncoding.DecodeString(f)
			if err != nil {
				fmt.Fprintln(os.Stderr, "bad field:", err)
				os.Exit(2)
			}
			fields = append(fields, string(b))
		}
		result := answer(fields)
		for i, r := range result {
			if i > 0 {
				out.WriteByte('\t')
			}
			out.WriteString(base64.StdEncoding.EncodeToString([]byte(r)))
		}
		out.WriteByte('\n')
	}
}

var areas = map[string]func([]string) []string{
	"escape":    escape,
	"semver":    semverCase,
	"check":     check,
	"glob":      glob,
	"modfile":   modfileCase,
	"zip":       zipCase,
	"hashdir":   hashDir,
	"url":       urlCase,
	"proxyurl":  proxyURL,
	"sumdbname": sumdbName,
	"gosum":     goSum,
	"sort":      sortCase,
	"pseudo":    pseudoCase,
	"infotime":  infoTime,
	"dirhash":   dirHash,
	"version":   func([]string) []string { return []string{runtime.Version()} },
}

// errText is "" for nil, the message otherwise.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return "error: " + err.Error()
}

func escape(f []string) []string {
	ep, epErr := module.EscapePath(f[0])
	up, upErr := module.UnescapePath(f[0])
	ev, evErr := module.EscapeVersion(f[0])
	uv, uvErr := module.UnescapeVersion(f[0])
	return []string{ep, errText(epErr), up, errText(upErr), ev, errText(evErr), uv, errText(uvErr)}
}

func semverCase(f []string) []string {
	a, b := f[0], f[1]
	return []string{
		strconv.FormatBool(semver.IsValid(a)), semver.Canonical(a), semver.Major(a), semver.MajorMinor(a),
		semver.Prerelease(a), semver.Build(a), strconv.Itoa(semver.Compare(a, b)),
		module.CanonicalVersion(a), strconv.FormatBool(module.IsPseudoVersion(a)),
	}
}

func check(f []string) []string {
	path, version := f[0], f[1]
	prefix, major, ok := module.SplitPathVersion(path)
	return []string{
		errText(module.CheckPath(path)), errText(module.CheckImportPath(path)), errText(module.CheckFilePath(path)),
		errText(module.Check(path, version)), prefix, major, strconv.FormatBool(ok),
		strconv.FormatBool(module.MatchPathMajor(version, major)),
	}
}

func glob(f []string) []string {
	return []string{strconv.FormatBool(module.MatchPrefixPatterns(f[0], f[1]))}
}

// modfileCase parses f[1] with Parse ("strict") or ParseLax ("lax") and no version fixer, as cmd/go reads
// go.mod files, and summarises what it read in a line-based form GoModSummary.cs writes too.
func modfileCase(f []string) []string {
	parse := modfile.Parse
	if f[0] == "lax" {
		parse = modfile.ParseLax
	}
	file, err := parse("go.mod", []byte(f[1]), nil)
	if err != nil {
		return []string{errText(err), ""}
	}
	var b strings.Builder
	if file.Module != nil {
		fmt.Fprintf(&b, "module %q %q\n", file.Module.Mod.Path, file.Module.Deprecated)
	}
	if file.Go != nil {
		fmt.Fprintf(&b, "go %q\n", file.Go.Version)
	}
	if tc := toolchainOf(file); tc != "" {
		fmt.Fprintf(&b, "toolchain %q\n", tc)
	}
	for _, r := range file.Require {
		fmt.Fprintf(&b, "require %q %q %v\n", r.Mod.Path, r.Mod.Version, r.Indirect)
	}
	for _, x := range file.Exclude {
		fmt.Fprintf(&b, "exclude %q %q\n", x.Mod.Path, x.Mod.Version)
	}
	for _, r := range file.Replace {
		fmt.Fprintf(&b, "replace %q %q %q %q\n", r.Old.Path, r.Old.Version, r.New.Path, r.New.Version)
	}
	for _, r := range file.Retract {
		fmt.Fprintf(&b, "retract %q %q %q\n", r.Low, r.High, r.Rationale)
	}
	return []string{"", b.String()}
}

func zipCase(f []string) []string {
	m := module.Version{Path: f[1], Version: f[2]}
	dir, err := os.MkdirTemp("", "oracle-unzip-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	unzipErr := modzip.Unzip(filepath.Join(dir, "x"), m, f[0])
	hash, hashErr := dirhash.HashZip(f[0], dirhash.Hash1)
	return []string{errText(unzipErr), hash, errText(hashErr)}
}

// hashDir answers what publishing a directory gives in Go: dirhash.HashDir of the tree and the hash of the
// zip that zip.CreateFromDir writes (or its error).
func hashDir(f []string) []string {
	dir, modPath, version := f[0], f[1], f[2]
	dh, dhErr := dirhash.HashDir(dir, modPath+"@"+version, dirhash.Hash1)
	tmp, err := os.CreateTemp("", "oracle-zip-*.zip")
	if err != nil {
		panic(err)
	}
	defer os.Remove(tmp.Name())
	createErr := modzip.CreateFromDir(tmp, module.Version{Path: modPath, Version: version}, dir)
	tmp.Close()
	zh := ""
	if createErr == nil {
		zh, err = dirhash.HashZip(tmp.Name(), dirhash.Hash1)
		if err != nil {
			createErr = err
		}
	}
	return []string{dh, errText(dhErr), zh, errText(createErr)}
}

func urlCase(f []string) []string {
	u, err := url.Parse(f[0])
	if err != nil {
		return []string{errText(err), "", "", "", "", "", ""}
	}
	user, pass := "", ""
	if u.User != nil {
		user = u.User.Username()
		if p, ok := u.User.Password(); ok {
			pass = "set:" + p
		}
	}
	return []string{"", u.Scheme, u.Host, u.Hostname(), u.Port(), user + "\x00" + pass, u.Path}
}

// proxyURL answers what cmd/go makes of one GOPROXY entry: proxyList's implicit https:// and newProxyRepo's
// checks (cmd/go/internal/modfetch/proxy.go), restated here because cmd/go's packages cannot be imported.
func proxyURL(f []string) []string {
	u := f[0]
	if strings.ContainsAny(u, ".:/") && !strings.Contains(u, ":/") && !filepath.IsAbs(u) && !path.IsAbs(u) {
		u = "https://" + u
	}
	base, err := url.Parse(u)
	if err != nil {
		return []string{errText(err)}
	}
	switch base.Scheme {
	case "http", "https":
	case "file":
		if *base != (url.URL{Scheme: base.Scheme, Path: base.Path, RawPath: base.RawPath}) {
			return []string{"error: invalid file:// proxy URL with non-path elements"}
		}
	case "":
		return []string{"error: invalid proxy URL missing scheme"}
	default:
		return []string{"error: invalid proxy URL scheme (must be https, http, file)"}
	}
	return []string{""}
}

// sumdbName answers cmd/go's check of a checksum database name (cmd/go/internal/modfetch/sumdb.go, dbDial).
func sumdbName(f []string) []string {
	name := f[0]
	direct, err := url.Parse("https://" + name)
	if err != nil || strings.HasSuffix(name, "/") || *direct != (url.URL{Scheme: "https", Host: direct.Host, Path: direct.Path, RawPath: direct.RawPath}) || direct.RawPath != "" || direct.Host == "" {
		return []string{"error: invalid sumdb name (must be host[/path])"}
	}
	return []string{""}
}

// unicodeTables prints, for each property the engine needs, the code point ranges where it holds, one
// "name lo hi" line each (hex), then the case-folding orbits ("fold a b c ...").
func unicodeTables() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, "version %s %s\n", unicode.Version, runtime.Version())
	props := []struct {
		name string
		is   func(rune) bool
	}{
		{"letter", unicode.IsLetter},
		{"print", unicode.IsPrint},
		{"space", unicode.IsSpace},
	}
	for _, p := range props {
		start := rune(-1)
		for r := rune(0); r <= unicode.MaxRune+1; r++ {
			in := r <= unicode.MaxRune && p.is(r)
			if in && start < 0 {
				start = r
			} else if !in && start >= 0 {
				fmt.Fprintf(out, "%s %X %X\n", p.name, start, r-1)
				start = -1
			}
		}
	}
	seen := map[rune]bool{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if seen[r] || unicode.SimpleFold(r) == r {
			continue
		}
		orbit := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbit = append(orbit, f)
		}
		sort.Slice(orbit, func(i, j int) bool { return orbit[i] < orbit[j] })
		var b bytes.Buffer
		b.WriteString("fold")
		for _, o := range orbit {
			seen[o] = true
			fmt.Fprintf(&b, " %X", o)
		}
		fmt.Fprintln(out, b.String())
	}
}

// toolchainOf reads File.Toolchain by reflection: x/mod in Go 1.19 has no such field (the directive is unknown there).
func toolchainOf(file *modfile.File) string {
	v := reflect.ValueOf(file).Elem().FieldByName("Toolchain")
	if !v.IsValid() || v.IsNil() {
		return ""
	}
	return v.Elem().FieldByName("Name").String()
}

// goSum reads go.sum bytes as cmd/go's readGoSum (cmd/go/internal/modfetch/fetch.go, the same in Go 1.19, 1.21
// and 1.23 up to the end of the loop), restated because cmd/go's packages cannot be imported: lines split at
// '\n', fields by strings.Fields, blank lines skipped, the hash of an empty go.mod dropped. It answers the first
// line without three fields ("LINE FIELDS", or "") and, %q-quoted one per line, every entry read before it
// ("path version: hash hash ..." in key order, hashes in file order). What the release does at that line is the
// caller's to know: Go 1.19 and 1.21 return an error nobody reads (reading stops), Go 1.22+ stop with
// "malformed go.sum".
func goSum(f []string) []string {
	const emptyGoModHash = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY="
	data := []byte(f[0])
	dst := map[module.Version][]string{}
	malformed := ""
	lineno := 0
	for len(data) > 0 {
		var line []byte
		lineno++
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			line, data = data, nil
		} else {
			line, data = data[:i], data[i+1:]
		}
		fields := strings.Fields(string(line))
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 3 {
			malformed = fmt.Sprintf("%d %d", lineno, len(fields))
			break
		}
		if fields[2] == emptyGoModHash {
			continue
		}
		mod := module.Version{Path: fields[0], Version: fields[1]}
		dst[mod] = append(dst[mod], fields[2])
	}
	var keys []module.Version
	for m := range dst {
		keys = append(keys, m)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Path != keys[j].Path {
			return keys[i].Path < keys[j].Path
		}
		return keys[i].Version < keys[j].Version
	})
	var b strings.Builder
	for _, m := range keys {
		fmt.Fprintf(&b, "%q %q:", m.Path, m.Version)
		for _, h := range dst[m] {
			fmt.Fprintf(&b, " %q", h)
		}
		b.WriteByte('\n')
	}
	return []string{malformed, b.String()}
}

// sortCase answers how Go orders two strings (<), two versions (semver.Compare, semver.ByVersion) and two
// module versions (module.Sort, whose Less is read off sorting each pair both ways: sort.Slice swaps a pair of
// two exactly when the second is less).
func sortCase(f []string) []string {
	a := module.Version{Path: f[0], Version: f[1]}
	b := module.Version{Path: f[2], Version: f[3]}
	pair := []module.Version{b, a}
	module.Sort(pair)
	aLess := pair[0] == a && a != b
	pair = []module.Version{a, b}
	module.Sort(pair)
	bLess := pair[0] == b && a != b
	vs := semver.ByVersion{f[1], f[3]}
	return []string{
		strconv.FormatBool(f[0] < f[2]), strconv.Itoa(semver.Compare(f[1], f[3])), strconv.FormatBool(vs.Less(0, 1)),
		strconv.FormatBool(aLess), strconv.FormatBool(bLess),
	}
}

// pseudoCase answers x/mod's pseudo-version functions for one version.
func pseudoCase(f []string) []string {
	v := f[0]
	t, tErr := module.PseudoVersionTime(v)
	ts := ""
	if tErr == nil {
		ts = t.UTC().Format("2006-01-02T15:04:05Z")
	}
	base, baseErr := module.PseudoVersionBase(v)
	rev, revErr := module.PseudoVersionRev(v)
	return []string{
		strconv.FormatBool(module.IsPseudoVersion(v)), strconv.FormatBool(module.IsZeroPseudoVersion(v)),
		ts, errText(tErr), base, errText(baseErr), rev, errText(revErr),
	}
}

// infoTime answers what cmd/go writes for the Time of a proxy's .info: the field is a time.Time decoded by
// encoding/json and encoded again (modfetch's RevInfo, writeDiskStat).
func infoTime(f []string) []string {
	var info struct{ Time time.Time }
	if err := json.Unmarshal([]byte(`{"Time":`+f[0]+`}`), &info); err != nil {
		return []string{"", errText(err)}
	}
	out, err := json.Marshal(info)
	if err != nil {
		return []string{"", errText(err)}
	}
	return []string{string(out), ""}
}

// dirHash answers dirhash.HashDir of a directory (what go mod verify computes for an extracted module). Go 1.19's
// DirFiles panics when the root is not a directory; the panic is the answer then.
func dirHash(f []string) (answer []string) {
	defer func() {
		if r := recover(); r != nil {
			answer = []string{"", fmt.Sprintf("panic: %v", r)}
		}
	}()
	h, err := dirhash.HashDir(f[0], f[1], dirhash.Hash1)
	return []string{h, errText(err)}
}
