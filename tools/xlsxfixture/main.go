// Command xlsxfixture writes an XLSX workbook from a tab-separated text
// file, as the EEA Grants' exports are laid out: the first line is the
// header, and "\n" in a cell is a new line within it (a multi-valued
// cell). The sample exports under sample/exports are made with it:
//
//	go run ./tools/xlsxfixture sample/exports/eea-organisations.tsv sample/exports/eea-organisations.xlsx
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: xlsxfixture IN.tsv OUT.xlsx")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "xlsxfixture:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	wb := excelize.NewFile()
	defer wb.Close()
	sheet := wb.GetSheetName(0)
	sw, err := wb.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(f)
	for row := 1; sc.Scan(); row++ {
		var cells []any
		for _, c := range strings.Split(sc.Text(), "\t") {
			cells = append(cells, strings.ReplaceAll(c, `\n`, "\n"))
		}
		at, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(at, cells); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return wb.SaveAs(out)
}
