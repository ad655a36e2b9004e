package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"gridflex/store"
	"gridflex/wire"
)

// Me is who the token belongs to.
type Me struct {
	User         store.User         `json:"user"`
	Organisation store.Organisation `json:"organisation"`
}

func (s *Server) me(w http.ResponseWriter, _ *http.Request, c *caller) {
	writeJSON(w, http.StatusOK, Me{User: c.User, Organisation: c.Org})
}

func (s *Server) listAreas(w http.ResponseWriter, r *http.Request, c *caller) {
	as, err := s.store.ListAreas(r.Context(), c.scope())
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(as))
}

func (s *Server) getArea(w http.ResponseWriter, r *http.Request, c *caller) {
	a, err := s.store.GetArea(r.Context(), c.scope(), r.PathValue("id"))
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) listConnections(w http.ResponseWriter, r *http.Request, c *caller) {
	cs, err := s.store.ListConnections(r.Context(), c.scope())
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(cs))
}

func (s *Server) getConnection(w http.ResponseWriter, r *http.Request, c *caller) {
	k, err := s.store.GetConnection(r.Context(), c.scope(), r.PathValue("ean"))
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, k)
}

func (s *Server) listContracts(w http.ResponseWriter, r *http.Request, c *caller) {
	ks, err := s.store.ListContracts(r.Context(), c.scope())
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(ks))
}

func (s *Server) getContract(w http.ResponseWriter, r *http.Request, c *caller) {
	k, err := s.store.GetContract(r.Context(), c.scope(), r.PathValue("id"), 0)
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, k)
}

// contractVersions lists every version the caller sees, oldest first. A
// contract keeps a handful of versions, so one read each is cheap.
func (s *Server) contractVersions(w http.ResponseWriter, r *http.Request, c *caller) {
	id := r.PathValue("id")
	latest, err := s.store.GetContract(r.Context(), c.scope(), id, 0)
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	var out []store.Contract
	for v := 1; v < latest.Version; v++ {
		k, err := s.store.GetContract(r.Context(), c.scope(), id, v)
		if errors.Is(err, store.ErrNotFound) {
			continue // that version had another owner or CSP
		} else if err != nil {
			s.writeStoreError(w, r, err)
			return
		}
		out = append(out, k)
	}
	writeJSON(w, http.StatusOK, append(out, latest))
}

// StateChange is the body of a contract state change.
type StateChange struct {
	State store.ContractState `json:"state"`
}

func (s *Server) setContractState(w http.ResponseWriter, r *http.Request, c *caller) {
	id := r.PathValue("id")
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || version < 1 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("version %q: want a whole number ≥ 1", r.PathValue("version")))
		return
	}
	k, err := s.store.GetContract(r.Context(), c.scope(), id, version)
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	var body StateChange
	if err := decodeBody(r, &body); err != nil {
		writeBodyError(w, err)
		return
	}
	if !c.mayMoveContract(k, body.State) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("role %s of %s may not move contract %s to %q", c.User.Role, c.Org.ID, id, body.State))
		return
	}
	if err := s.store.SetContractState(r.Context(), c.actor(), id, version, body.State); err != nil {
		if errors.Is(err, store.ErrInvalid) {
			writeError(w, http.StatusConflict, err.Error())
			return
		}
		s.writeStoreError(w, r, err)
		return
	}
	if k, err = s.store.GetContract(r.Context(), c.scope(), id, version); err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, k)
}

// Settlement is one stored month of a contract version.
type Settlement struct {
	ContractID string          `json:"contract_id"`
	Version    int             `json:"version"`
	Month      string          `json:"month"`
	Detail     wire.Settlement `json:"detail"`
	Computed   string          `json:"computed"`
}

func (s *Server) settlements(w http.ResponseWriter, r *http.Request, c *caller) {
	id := r.PathValue("id")
	// The contract first: an unseen contract is 404, not an empty list.
	if _, err := s.store.GetContract(r.Context(), c.scope(), id, 0); err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	ss, err := s.store.ListSettlements(r.Context(), c.scope(), id)
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	out := []Settlement{}
	for _, st := range ss {
		out = append(out, Settlement{st.ContractID, st.Version, st.Month, wire.FromSettlement(st.Detail), st.Computed.UTC().Format(rfc3339)})
	}
	writeJSON(w, http.StatusOK, out)
}
