package plugin

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"onestop.dev/onestop/api/v1alpha1"
	"onestop.dev/onestop/internal/plugin/catalog"
	"onestop.dev/onestop/internal/plugin/manifest"
	"onestop.dev/onestop/internal/plugin/validate"
)

func newCatalogCommand(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Convert the county's item list (CSV or XLSX) to ApprovalItem YAML and back",
		Long: `The county keeps its approval-item catalog as a spreadsheet, one row per item; onestop keeps it
as ApprovalItem objects. catalog import turns the spreadsheet into YAML for Git, and catalog
export turns YAML files or the cluster's items back into a spreadsheet.

The columns (the first row names them, in any order; matching ignores case):
` + columnHelp() + `
Lists (coApprovers, requiredMaterials) separate entries with ';'. docs/plugin.md has the
details and config/samples/catalog/items.csv is the sample county's catalog.`,
		Example: examples(
			displayName+" catalog import config/samples/catalog/items.csv > items.yaml",
			displayName+" catalog export config/samples/base/items.yaml -o xlsx --file catalog.xlsx",
		),
	}
	cmd.AddCommand(newCatalogImportCommand(e), newCatalogExportCommand(e))
	return cmd
}

func columnHelp() string {
	var b strings.Builder
	for _, c := range catalog.Columns {
		req := ""
		if c.Required {
			req = " (required)"
		}
		fmt.Fprintf(&b, "  %-19s %s%s\n", c.Name, c.Help, req)
	}
	return b.String()
}

type importOptions struct {
	outputDir string
	layout    string
	sheet     string
	format    string
}

func newCatalogImportCommand(e *env) *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE.csv|FILE.xlsx|-",
		Short: "Turn the county's item list into ApprovalItem YAML",
		Long: `Read the item list (CSV, or the first sheet of an XLSX workbook; - reads CSV from standard input)
and write one ApprovalItem per row, as YAML on standard output or into --output-dir.

Every row is checked as the API server would check the item (the CRD schema and CEL rules
shipped in the plugin) and with the catalog rules of the controllers (codes and names are
unique among the rows). Every problem of every row is reported on standard error as

  row N, column NAME: what is wrong and what to write instead

and then nothing is written at all: no partial catalog reaches standard output or the folder.
Row numbers are the spreadsheet's (the header is row 1). -n writes metadata.namespace into
every item; without it the items name no namespace, for kustomize or kubectl -n to set.`,
		Example: examples(
			displayName+" catalog import config/samples/catalog/items.csv > config/county/items.yaml",
			displayName+" catalog import catalog.xlsx --sheet 2009 -n county --output-dir config/county/items/",
			displayName+" catalog import catalog.csv --output-dir out/ --layout single   # out/items.yaml",
		),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), e, args[0])
		},
	}
	cmd.Flags().StringVar(&o.outputDir, "output-dir", "", "write the YAML into this folder instead of standard output")
	cmd.Flags().StringVar(&o.layout, "layout", "per-item", "with --output-dir: per-item (NAME.yaml for each item) or single (items.yaml)")
	cmd.Flags().StringVar(&o.sheet, "sheet", "", "the XLSX sheet to read; the first one when empty")
	cmd.Flags().StringVar(&o.format, "format", "", "csv or xlsx; by default the file's extension decides (- is csv)")
	return cmd
}

func (o *importOptions) run(ctx context.Context, e *env, file string) error {
	if o.layout != "per-item" && o.layout != "single" {
		return fmt.Errorf("--layout %q is not supported: use per-item or single", o.layout)
	}
	format := strings.ToLower(o.format)
	if format == "" {
		switch strings.ToLower(filepath.Ext(file)) {
		case ".xlsx", ".xlsm":
			format = "xlsx"
		default:
			format = "csv"
		}
	}
	var in io.Reader = e.Streams.In
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	var table catalog.Table
	var err error
	switch format {
	case "csv":
		table, err = catalog.ReadCSV(in)
	case "xlsx":
		table, err = catalog.ReadXLSX(in, o.sheet)
	default:
		return fmt.Errorf("--format %q is not supported: use csv or xlsx", o.format)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	v, err := validate.Shipped()
	if err != nil {
		return err
	}
	items, rowErrs := catalog.Import(ctx, table, catalog.ImportOptions{Namespace: e.explicitNamespace(), Validator: v})
	if len(rowErrs) > 0 {
		for _, re := range rowErrs {
			fmt.Fprintf(e.Streams.ErrOut, "%s: %s\n", file, re.Error())
		}
		fmt.Fprintf(e.Streams.ErrOut, "catalog import: %d %s in %s; nothing was written\n", len(rowErrs), plural(len(rowErrs), "problem", "problems"), file)
		return ExitError{Code: 1}
	}
	if o.outputDir == "" {
		b, err := catalog.MarshalYAML(items)
		if err != nil {
			return err
		}
		_, err = e.Streams.Out.Write(b)
		return err
	}
	files := map[string][]byte{}
	if o.layout == "single" {
		b, err := catalog.MarshalYAML(items)
		if err != nil {
			return err
		}
		files["items.yaml"] = b
	} else {
		for _, it := range items {
			b, err := catalog.MarshalItem(it)
			if err != nil {
				return err
			}
			files[it.Name+".yaml"] = b
		}
	}
	if err := writeFolder(o.outputDir, files); err != nil {
		return err
	}
	fmt.Fprintf(e.Streams.ErrOut, "catalog import: %d %s from %s written to %s\n", len(items), plural(len(items), "item", "items"), file, o.outputDir)
	return nil
}

// writeFolder writes files into dir all or nothing as far as the file system allows: every
// file is written into a temporary folder beside dir first, then renamed into place (the
// folder itself when dir does not exist yet).
func writeFolder(dir string, files map[string][]byte) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		return fmt.Errorf("--output-dir %s is a file, not a folder", dir)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	names := make([]string, 0, len(files))
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
		names = append(names, name)
	}
	sort.Strings(names)
	if _, err := os.Stat(abs); os.IsNotExist(err) {
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		return os.Rename(tmp, abs)
	}
	for _, name := range names {
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(abs, name)); err != nil {
			return err
		}
	}
	return nil
}

// writeFile replaces path with data through a temporary file beside it.
func writeFile(path string, data []byte) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), abs)
}

type exportOptions struct {
	output      string
	file        string
	fromCluster bool
	bom         bool
}

func newCatalogExportCommand(e *env) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [DIR|FILE...]",
		Short: "Write ApprovalItems from YAML files or the cluster as the county's item list",
		Long: `Write the ApprovalItems of YAML files (folders are walked as lint walks them) or, with
--from-cluster, of the namespace in the cluster, as the item list catalog import reads: CSV
on standard output or into --file, or an XLSX workbook (-o xlsx, --file required).

Items keep the order of the files; from the cluster they are sorted by code. Importing the
export gives the same items back, and exporting them again the same file.`,
		Example: examples(
			displayName+" catalog export config/samples/base/items.yaml > items.csv",
			displayName+" catalog export --from-cluster -n county -o xlsx --file catalog.xlsx",
			displayName+" catalog export config/county/ --bom --file items.csv   # for Excel",
		),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), e, args)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "csv", "csv or xlsx")
	cmd.Flags().StringVar(&o.file, "file", "", "write into this file instead of standard output (required for xlsx; - is standard output)")
	cmd.Flags().BoolVar(&o.fromCluster, "from-cluster", false, "export the items of the namespace (-n) in the cluster")
	cmd.Flags().BoolVar(&o.bom, "bom", false, "start the CSV with a UTF-8 byte order mark, which Excel needs to show Chinese")
	return cmd
}

func (o *exportOptions) run(ctx context.Context, e *env, paths []string) error {
	if o.output != "csv" && o.output != "xlsx" {
		return fmt.Errorf("--output %q is not supported: use csv or xlsx", o.output)
	}
	if o.output == "xlsx" && o.file == "" {
		return fmt.Errorf("an XLSX workbook is binary: name the file with --file (or --file - for standard output)")
	}
	var items []v1alpha1.ApprovalItem
	var err error
	switch {
	case o.fromCluster && len(paths) > 0:
		return fmt.Errorf("give either files or --from-cluster, not both")
	case o.fromCluster:
		items, err = o.fromClusterItems(ctx, e)
	case len(paths) == 0:
		return fmt.Errorf("name the YAML files or folders to export, or use --from-cluster")
	default:
		items, err = itemsFromFiles(ctx, e, paths)
	}
	if err != nil {
		return err
	}
	rows := catalog.Rows(items)
	var buf bytes.Buffer
	if o.output == "xlsx" {
		err = catalog.WriteXLSX(&buf, rows)
	} else {
		err = catalog.WriteCSV(&buf, rows, o.bom)
	}
	if err != nil {
		return err
	}
	if o.file == "" || o.file == "-" {
		_, err = e.Streams.Out.Write(buf.Bytes())
		return err
	}
	if err := writeFile(o.file, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.Streams.ErrOut, "catalog export: %d %s written to %s\n", len(items), plural(len(items), "item", "items"), o.file)
	return nil
}

func (o *exportOptions) fromClusterItems(ctx context.Context, e *env) ([]v1alpha1.ApprovalItem, error) {
	c, err := e.NewClient(e.flags)
	if err != nil {
		return nil, err
	}
	ns, err := e.namespace()
	if err != nil {
		return nil, err
	}
	list := &v1alpha1.ApprovalItemList{}
	if err := c.List(ctx, list, client.InNamespace(ns)); err != nil {
		return nil, err
	}
	items := list.Items
	sort.Slice(items, func(i, j int) bool {
		if items[i].Spec.Code != items[j].Spec.Code {
			return items[i].Spec.Code < items[j].Spec.Code
		}
		return items[i].Name < items[j].Name
	})
	return items, nil
}

// itemsFromFiles reads the ApprovalItems of YAML files, defaulted as the API server would
// store them; an invalid item stops the export with lint's findings.
func itemsFromFiles(ctx context.Context, e *env, paths []string) ([]v1alpha1.ApprovalItem, error) {
	set, err := manifest.Load(paths, "default")
	if err != nil {
		return nil, err
	}
	v, err := validate.Shipped()
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, p := range set.Problems {
		problems = append(problems, p.Error())
	}
	var items []v1alpha1.ApprovalItem
	for _, d := range set.Documents {
		if d.GVK() != v1alpha1.GroupVersion.WithKind("ApprovalItem") {
			continue
		}
		stored, errs := v.Validate(ctx, d.Object, d.Namespace())
		for _, ve := range errs {
			problems = append(problems, fmt.Sprintf("%s:%d: ApprovalItem/%s: %s", d.File, d.LineOf(ve.Field), d.Name(), ve.Detail))
		}
		if len(errs) > 0 {
			continue
		}
		it := v1alpha1.ApprovalItem{}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(stored, &it); err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: %v", d.File, d.Line, err))
			continue
		}
		items = append(items, it)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(e.Streams.ErrOut, p)
		}
		fmt.Fprintf(e.Streams.ErrOut, "catalog export: %d %s; nothing was written (run `%s lint` on the files)\n", len(problems), plural(len(problems), "problem", "problems"), displayName)
		return nil, ExitError{Code: 1}
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("no ApprovalItem in %s", strings.Join(paths, ", "))
	}
	return items, nil
}
