package server

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"
)

// route is one entry of the API: its method and Go 1.22 pattern (the same
// text as its OpenAPI path), its body limit and its handler. Public routes
// need no token.
type route struct {
	Method, Path string
	Public       bool
	MaxBody      int64 // bytes; 0: no body expected (1 KiB allowed)
	Handle       func(w http.ResponseWriter, r *http.Request, c *caller)
}

func (rt route) maxBody() int64 {
	if rt.MaxBody == 0 {
		return 1 << 10
	}
	return rt.MaxBody
}

//go:embed openapi.json
var openAPIDoc []byte

// routes is the whole API. The OpenAPI document and the authorisation
// matrix test are checked against this list.
func (s *Server) routes() []route {
	return []route{
		{Method: "GET", Path: "/healthz", Public: true, Handle: s.healthz},
		{Method: "GET", Path: "/readyz", Public: true, Handle: s.readyz},
		{Method: "GET", Path: "/metrics", Public: true, Handle: s.metricsPage},
		{Method: "GET", Path: "/api/v1/openapi.json", Public: true, Handle: s.openAPI},
		{Method: "GET", Path: "/api/v1/me", Handle: s.me},
		{Method: "GET", Path: "/api/v1/areas", Handle: s.listAreas},
		{Method: "GET", Path: "/api/v1/areas/{id}", Handle: s.getArea},
		{Method: "GET", Path: "/api/v1/connections", Handle: s.listConnections},
		{Method: "GET", Path: "/api/v1/connections/{ean}", Handle: s.getConnection},
		{Method: "GET", Path: "/api/v1/connections/{ean}/meter", Handle: s.readMeter},
		{Method: "GET", Path: "/api/v1/contracts", Handle: s.listContracts},
		{Method: "GET", Path: "/api/v1/contracts/{id}", Handle: s.getContract},
		{Method: "GET", Path: "/api/v1/contracts/{id}/versions", Handle: s.contractVersions},
		{Method: "PUT", Path: "/api/v1/contracts/{id}/versions/{version}/state", MaxBody: 4 << 10, Handle: s.setContractState},
		{Method: "GET", Path: "/api/v1/contracts/{id}/settlements", Handle: s.settlements},
		{Method: "GET", Path: "/api/v1/model/potential", Handle: s.modelPotential},
		{Method: "GET", Path: "/api/v1/model/compensation", Handle: s.modelCompensation},
		{Method: "GET", Path: "/api/v1/model/unlock", Handle: s.modelUnlock},
	}
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request, _ *caller) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// pinger is a store that can say whether its database answers.
type pinger interface{ Ping(context.Context) error }

// readyz answers 200 when the store answers and its schema is current.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request, _ *caller) {
	if p, ok := s.store.(pinger); ok {
		if err := p.Ping(r.Context()); err != nil {
			s.log.Warn("not ready", "err", err)
			writeError(w, http.StatusServiceUnavailable, "store unavailable")
			return
		}
	}
	ms, err := s.store.Status(r.Context())
	if err != nil {
		s.log.Warn("not ready", "err", err)
		writeError(w, http.StatusServiceUnavailable, "store unavailable")
		return
	}
	for _, m := range ms {
		if m.Applied.IsZero() {
			writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("store migration %04d_%s pending", m.Version, m.Name))
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) metricsPage(w http.ResponseWriter, r *http.Request, _ *caller) {
	s.metricsHandler.ServeHTTP(w, r)
}

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request, _ *caller) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPIDoc)
}
