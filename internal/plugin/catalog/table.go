package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Table is a sheet: a header and rows of cells, each row with the number a spreadsheet or
// an editor shows for it.
type Table struct {
	Header []string
	Rows   []Row
}

// Row is one row of cells.
type Row struct {
	Number int
	Cells  []string
}

// utf8BOM starts the CSV files Excel writes as "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads a comma-separated item list. Row numbers are the line on which each record
// starts (the header is line 1), as an editor or a spreadsheet shows it; blank lines are
// skipped.
func ReadCSV(r io.Reader) (Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Table{}, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var t Table
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Table{}, fmt.Errorf("row %d: not valid CSV: %v: quote a cell that holds commas, quotes or line breaks, and double the quotes inside it", pe.StartLine, pe.Err)
			}
			return Table{}, err
		}
		line, _ := cr.FieldPos(0)
		if t.Header == nil {
			t.Header = rec
			continue
		}
		t.Rows = append(t.Rows, Row{Number: line, Cells: rec})
	}
	if t.Header == nil {
		return Table{}, errors.New("the file is empty: the first row names the columns (see `kubectl onestop catalog import --help`)")
	}
	return t, nil
}

// ReadXLSX reads the item list from a sheet of an Excel workbook: the named sheet, or the
// first one. Row numbers are the sheet's own.
func ReadXLSX(r io.Reader, sheet string) (Table, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return Table{}, fmt.Errorf("not a readable XLSX workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return Table{}, errors.New("the workbook has no sheet")
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return Table{}, fmt.Errorf("the workbook has no sheet %q: it has %s", sheet, strings.Join(sheets, ", "))
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return Table{}, err
	}
	var t Table
	for i, cells := range rows {
		if t.Header == nil {
			if blank(cells) {
				continue
			}
			t.Header = cells
			continue
		}
		t.Rows = append(t.Rows, Row{Number: i + 1, Cells: cells})
	}
	if t.Header == nil {
		return Table{}, fmt.Errorf("sheet %q is empty: its first row names the columns (see `kubectl onestop catalog import --help`)", sheet)
	}
	return t, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// WriteCSV writes rows (the header first) as CSV; bom starts the file with the UTF-8 byte
// order mark that Excel needs to read Chinese from a CSV file.
func WriteCSV(w io.Writer, rows [][]string, bom bool) error {
	if bom {
		if _, err := w.Write(utf8BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// SheetName is the sheet export writes.
const SheetName = "items"

// WriteXLSX writes rows (the header first) into a one-sheet workbook: header in bold,
// frozen, with a filter, every cell as text (so that 0 stays 0 and 2008-11-20 stays a date
// as written).
func WriteXLSX(w io.Writer, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
	if err != nil {
		return err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		values := make([]interface{}, len(row))
		for j, v := range row {
			values[j] = v
		}
		if err := f.SetSheetRow(SheetName, cell, &values); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
		lastHeader, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
		if err := f.SetCellStyle(SheetName, "A1", last, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(SheetName, "A1", lastHeader, bold); err != nil {
			return err
		}
		if err := f.SetPanes(SheetName, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := f.AutoFilter(SheetName, "A1:"+lastHeader, nil); err != nil {
			return err
		}
		for j := range rows[0] {
			col, _ := excelize.ColumnNumberToName(j + 1)
			width := 14.0
			switch rows[0][j] {
			case "displayName", "requiredMaterials", "legalBasis", "exemptReason", "lifecycleDecision":
				width = 40
			case "name", "coApprovers":
				width = 30
			}
			if err := f.SetColWidth(SheetName, col, col, width); err != nil {
				return err
			}
		}
	}
	return f.Write(w)
}
