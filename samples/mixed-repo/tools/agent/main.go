// Command inventory-agent reports what a folder holds, grouped by file extension.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	colors "example.com/Acme/Colors"
	"example.com/units/v2"
	strutil "gopkg.in/example/strutil.v2"
)

type kind struct {
	ext   string
	files int
	bytes int64
}

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	kinds := map[string]*kind{}
	count, total := 0, int64(0)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(d.Name()))
		if ext == "" {
			ext = "(none)"
		}
		if kinds[ext] == nil {
			kinds[ext] = &kind{ext: ext}
		}
		kinds[ext].files++
		kinds[ext].bytes += info.Size()
		count++
		total += info.Size()
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "inventory-agent:", err)
		os.Exit(1)
	}

	list := make([]*kind, 0, len(kinds))
	for _, k := range kinds {
		list = append(list, k)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].bytes != list[j].bytes {
			return list[i].bytes > list[j].bytes
		}
		return list[i].ext < list[j].ext
	})

	fmt.Printf("%s, %s in %s\n", strutil.Plural(count, "file"), strings.TrimSpace(units.Bytes(total)), root)
	for _, k := range list {
		share := 0.0
		if total > 0 {
			share = float64(k.bytes) / float64(total)
		}
		fmt.Printf("%s %s %s  %s\n", strutil.PadRight(k.ext, 8), strutil.PadLeft(strutil.Plural(k.files, "file"), 10), units.Bytes(k.bytes), colors.ForShare(share))
	}
}
