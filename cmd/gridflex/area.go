package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"gridflex/area"
	"gridflex/area/areaview"
	"gridflex/outfile"
	"gridflex/usecase"
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

// request checks the flags and reads the scenario.
func (r *areaRun) request(file string) (usecase.AreaRequest, error) {
	if err := r.format.check(); err != nil {
		return usecase.AreaRequest{}, err
	}
	if r.export != "" && r.export != "capaciteitskaart" {
		return usecase.AreaRequest{}, fmt.Errorf("--export %q: want capaciteitskaart", r.export)
	}
	sc, err := r.sf.load()
	if err != nil {
		return usecase.AreaRequest{}, err
	}
	return usecase.AreaRequest{Scenario: sc, Files: osFiles{}, Area: file}, nil
}

// write renders v (json) or rep (the other formats) to -o or w.
func (r *areaRun) write(w io.Writer, inputs []string, v any, rep areaview.Report) error {
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
			req, err := r.request(args[0])
			if err != nil {
				return err
			}
			if r.export != "" {
				rel, err := usecase.AreaRelease(cmd.Context(), usecase.AreaReleaseRequest{AreaRequest: req})
				if err != nil {
					return err
				}
				return r.exportMap(cmd.OutOrStdout(), args, rel.Area, rel.Release)
			}
			shown, err := usecase.AreaShow(cmd.Context(), req)
			if err != nil {
				return err
			}
			return r.write(cmd.OutOrStdout(), args, shown.Freed, areaview.ShowReport(shown.Area, shown.Freed))
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

// queue turns the flags into the use case's overrides.
func (q *releaseFlags) queue(cmd *cobra.Command) (usecase.AreaQueue, error) {
	var out usecase.AreaQueue
	if cmd.Flags().Changed("margin") {
		out.Margin = &q.margin
	}
	out.Rule = q.rule
	switch q.partial {
	case "":
	case "yes", "no":
		p := q.partial == "yes"
		out.Partial = &p
	default:
		return out, fmt.Errorf("--partial %q: want yes or no", q.partial)
	}
	return out, nil
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
			req, err := r.request(args[0])
			if err != nil {
				return err
			}
			queue, err := q.queue(cmd)
			if err != nil {
				return err
			}
			res, err := usecase.AreaRelease(cmd.Context(), usecase.AreaReleaseRequest{AreaRequest: req, Queue: queue})
			if err != nil {
				return err
			}
			a, rel := res.Area, res.Release
			if r.export != "" {
				return r.exportMap(cmd.OutOrStdout(), args, a, rel)
			}
			rep := areaview.ReleaseReport(a, rel)
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
