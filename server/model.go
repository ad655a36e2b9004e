package server

import (
	"fmt"
	"math"
	"net/http"
	"strconv"

	"gridflex/compensation"
	"gridflex/usecase"
	"gridflex/wire"
)

// The national model (§0–§5) on the server's scenario: the same use cases
// and documents as `gridflex potential|compensation|unlock --format json`.

func (s *Server) modelPotential(w http.ResponseWriter, r *http.Request, _ *caller) {
	dc, err := boolQuery(r, "datacenters")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := usecase.Potential(r.Context(), usecase.PotentialRequest{Scenario: s.scenario, WithDatacenters: dc})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, wire.FromPotential(res))
}

func (s *Server) modelCompensation(w http.ResponseWriter, r *http.Request, _ *caller) {
	h, _, err := hoursBound(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := usecase.Compensation(r.Context(), usecase.CompensationRequest{Scenario: s.scenario, Hours: h})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, wire.FromCompensation(res))
}

func (s *Server) modelUnlock(w http.ResponseWriter, r *http.Request, _ *caller) {
	h, b, err := hoursBound(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query().Get("offer")
	offer, err := strconv.ParseFloat(v, 64)
	if err != nil || !(offer >= 0) || math.IsInf(offer, 0) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("query offer %q: want a compensation in €/MWh ≥ 0", v))
		return
	}
	u, err := usecase.Unlock(r.Context(), usecase.UnlockRequest{Scenario: s.scenario, Hours: h, Bound: b, OfferEURPerMWh: offer})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, wire.FromUnlock(h, u))
}

// hoursBound reads ?hours= (structural, incidental) and ?bound= (high,
// low) with the CLI's defaults.
func hoursBound(r *http.Request) (compensation.Hours, compensation.Bound, error) {
	q := r.URL.Query()
	hs, bs := q.Get("hours"), q.Get("bound")
	if hs == "" {
		hs = string(compensation.Structural)
	}
	if bs == "" {
		bs = string(compensation.High)
	}
	h, err := compensation.ParseHours(hs)
	if err != nil {
		return "", "", fmt.Errorf("query %w", err)
	}
	b, err := compensation.ParseBound(bs)
	if err != nil {
		return "", "", fmt.Errorf("query %w", err)
	}
	return h, b, nil
}

func boolQuery(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("query %s %q: want true or false", name, v)
	}
	return b, nil
}
