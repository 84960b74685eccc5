// Package report builds what the plugin's read commands show (case queues, a case's deadline
// explanation, the rollout at a glance) as pure functions of objects, and renders them as
// text. Fetching is the commands' business; so tests build objects and compare the output
// with golden files.
package report

import (
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Style colours text on a terminal; the zero Style writes plain text.
type Style struct {
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
)

func (s Style) paint(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return code + text + ansiReset
}

// Bold, Red, Green, Yellow and Dim colour text when the style has colour.
func (s Style) Bold(t string) string   { return s.paint(ansiBold, t) }
func (s Style) Red(t string) string    { return s.paint(ansiRed, t) }
func (s Style) Green(t string) string  { return s.paint(ansiGreen, t) }
func (s Style) Yellow(t string) string { return s.paint(ansiYellow, t) }
func (s Style) Dim(t string) string    { return s.paint(ansiDim, t) }

// Width is how many terminal columns s takes: East Asian wide and full-width characters (the
// Chinese names of the county) take two, ANSI colour sequences none.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			if j := strings.IndexByte(s[i:], 'm'); j >= 0 {
				i += j + 1
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// table lays out rows in columns as kubectl does: upper-case headers, columns three spaces
// apart, aligned by display width.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	widths := make([]int, len(t.header))
	all := append([][]string{t.header}, t.rows...)
	for _, row := range all {
		for i, c := range row {
			if i < len(widths) && Width(c) > widths[i] {
				widths[i] = Width(c)
			}
		}
	}
	var b strings.Builder
	for _, row := range all {
		var line strings.Builder
		for i, c := range row {
			line.WriteString(c)
			if i < len(row)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-Width(c)+3))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
