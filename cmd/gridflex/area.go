package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/area"
	"gridflex/outfile"
	"gridflex/scenario"
	"gridflex/wire"
)

func newAreaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "area",
		Short: "Congestion areas: freed capacity, the safety margin, the waiting list and the risk of fixed-term contracts (§6)",
		Long: `An area file (area/FORMAT.md) describes a station, its measured load, the connections under it,
their congestion-management contracts and the waiting list. The subcommands compute what the contracts
free in the station's binding ISPs, reissue part of it to the waiting list under a safety margin
(study §6: 1 MW freed, 0.5 MW reissued), and simulate the risk until the reinforcement.`,
	}
	cmd.AddCommand(newAreaShowCmd(), newAreaReleaseCmd(), newAreaSimulateCmd(), newAreaDemoCmd())
	return cmd
}

// areaRun holds the flags every area subcommand shares.
type areaRun struct {
	sf      scenarioFlags
	format  formatFlag
	out     string
	export  string
	creator string
}

func (r *areaRun) bind(cmd *cobra.Command) {
	r.sf.bind(cmd)
	r.format.bind(cmd, "table", "json", "csv", "md", "html")
	cmd.Flags().StringVarP(&r.out, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().StringVar(&r.export, "export", "", "write the area after the release as `capaciteitskaart` JSON (the grid operators' capacity-map information model v1.3.0) instead")
	cmd.Flags().StringVar(&r.creator, "creator", "gridflex", "creator named in the --export capaciteitskaart dataset")
}

// load reads the scenario and the area file.
func (r *areaRun) load(file string) (*area.Area, *scenario.Scenario, error) {
	if err := r.format.check(); err != nil {
		return nil, nil, err
	}
	if r.export != "" && r.export != "capaciteitskaart" {
		return nil, nil, fmt.Errorf("--export %q: want capaciteitskaart", r.export)
	}
	sc, err := r.sf.load()
	if err != nil {
		return nil, nil, err
	}
	fsys, name, err := areaFS(file)
	if err != nil {
		return nil, nil, err
	}
	a, err := area.Parse(fsys, name, sc)
	return a, sc, err
}

// areaFS opens the file system an area file and the files it names are
// read from: the working directory for a relative path inside it, the root
// otherwise.
func areaFS(file string) (fs.FS, string, error) {
	clean := filepath.ToSlash(filepath.Clean(file))
	if !filepath.IsAbs(file) && fs.ValidPath(clean) {
		return os.DirFS("."), clean, nil
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, "", err
	}
	return os.DirFS("/"), strings.TrimPrefix(filepath.ToSlash(abs), "/"), nil
}

// write renders v (json) or rep (the other formats) to -o or w.
func (r *areaRun) write(w io.Writer, inputs []string, v any, rep area.Report) error {
	render := func(w io.Writer) error {
		if r.format.value == "json" {
			return wire.Write(w, v)
		}
		return rep.Render(w, r.format.value)
	}
	if r.out == "" {
		return render(w)
	}
	return outfile.Write(r.out, inputs, render)
}

// exportMap writes the capacity-map dataset of the area after rel.
func (r *areaRun) exportMap(w io.Writer, inputs []string, a *area.Area, rel *area.Release) error {
	m := area.ExportCapacityMap(a, rel, r.creator)
	if r.out == "" {
		return wire.Write(w, m)
	}
	return outfile.Write(r.out, inputs, func(w io.Writer) error { return wire.Write(w, m) })
}

func newAreaShowCmd() *cobra.Command {
	var r areaRun
	cmd := &cobra.Command{
		Use:   "show AREA.yaml",
		Short: "The station, its binding ISPs and what each contract frees in them",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, sc, err := r.load(args[0])
			if err != nil {
				return err
			}
			f := area.Free(a, sc)
			if r.export != "" {
				o, err := area.NewReleaseOptions(a, sc)
				if err != nil {
					return err
				}
				return r.exportMap(cmd.OutOrStdout(), args, a, area.Reissue(a, f.FreedKW, f.MeanFreedKW(), o))
			}
			return r.write(cmd.OutOrStdout(), args, f, area.ShowReport(a, f))
		},
	}
	r.bind(cmd)
	return cmd
}

// releaseFlags override the queue defaults of the scenario.
type releaseFlags struct {
	margin  float64
	rule    string
	partial string
}

func (q *releaseFlags) bind(cmd *cobra.Command) {
	cmd.Flags().Float64Var(&q.margin, "margin", 0.5, "safety margin (default: the area file's margin, else area.margin)")
	cmd.Flags().StringVar(&q.rule, "rule", "", "queue rule: fcfs (strict, a request that does not fit blocks) or first-fit (default: area.queue.first_fit)")
	cmd.Flags().StringVar(&q.partial, "partial", "", "offer part of a request that does not fit whole: yes or no (default: area.queue.partial_offers)")
}

func (q *releaseFlags) apply(cmd *cobra.Command, o *area.ReleaseOptions) error {
	if cmd.Flags().Changed("margin") {
		if !(q.margin >= 0 && q.margin <= 1) {
			return fmt.Errorf("--margin %g: want a share between 0 and 1", q.margin)
		}
		o.Margin = q.margin
	}
	if q.rule != "" {
		if q.rule != string(area.FCFS) && q.rule != string(area.FirstFit) {
			return fmt.Errorf("--rule %q: want fcfs or first-fit", q.rule)
		}
		o.Rule = area.Rule(q.rule)
	}
	switch q.partial {
	case "":
	case "yes":
		o.Partial = true
	case "no":
		o.Partial = false
	default:
		return fmt.Errorf("--partial %q: want yes or no", q.partial)
	}
	return nil
}

func newAreaReleaseCmd() *cobra.Command {
	var (
		r      areaRun
		q      releaseFlags
		charts string
	)
	cmd := &cobra.Command{
		Use:   "release AREA.yaml",
		Short: "Reissue freed × (1 − margin) to the waiting list: position, kW ahead, offer and estimated date per request",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, sc, err := r.load(args[0])
			if err != nil {
				return err
			}
			o, err := area.NewReleaseOptions(a, sc)
			if err != nil {
				return err
			}
			if err := q.apply(cmd, &o); err != nil {
				return err
			}
			f := area.Free(a, sc)
			rel := area.Reissue(a, f.FreedKW, f.MeanFreedKW(), o)
			if r.export != "" {
				return r.exportMap(cmd.OutOrStdout(), args, a, rel)
			}
			rep := area.ReleaseReport(a, rel)
			if charts != "" {
				name, err := writeLoadChart(charts, args, a, rel)
				if err != nil {
					return err
				}
				rep.Charts = append(rep.Charts, name)
			}
			return r.write(cmd.OutOrStdout(), args, rel, rep)
		},
	}
	r.bind(cmd)
	q.bind(cmd)
	cmd.Flags().StringVar(&charts, "chart", "", "also write the station load against capacity before and after the release to `FILE` (.svg or .png)")
	return cmd
}
