package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"gridflex/scenario"
	"gridflex/store"
)

// Config is what a Server needs.
type Config struct {
	Store store.Store
	Log   *slog.Logger // nil: discard
	// Scenario is the national model's scenario; nil: the study's defaults.
	Scenario *scenario.Scenario
}

// Server is the operator service. Its Handler serves every route; Serve
// runs it on a listener until the context ends.
type Server struct {
	store    store.Store
	log      *slog.Logger
	scenario *scenario.Scenario
	metrics  *metrics
	handler  http.Handler

	metricsHandler http.Handler
}

// Timeouts of the http.Server: a client that sends its headers or body
// slowly, or reads its response slowly, cannot hold a connection forever.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	// ShutdownGrace is how long Serve waits for requests in flight after
	// its context ends.
	ShutdownGrace = 15 * time.Second
)

// New builds the server and its routes.
func New(cfg Config) *Server {
	s := &Server{store: cfg.Store, log: cfg.Log, scenario: cfg.Scenario}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.scenario == nil {
		s.scenario = scenario.Default()
	}
	s.metrics = newMetrics()
	s.metricsHandler = promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	mux := http.NewServeMux()
	allow := map[string][]string{}
	for _, rt := range s.routes() {
		mux.Handle(rt.Method+" "+rt.Path, s.wrap(rt))
		allow[rt.Path] = append(allow[rt.Path], rt.Method)
	}
	// A known path with another method is 405 with Allow, in JSON: the
	// method-less pattern is less specific than the route's, so it only
	// catches the methods no route serves.
	for path, methods := range allow {
		if slices.Contains(methods, "GET") {
			methods = append(methods, "HEAD")
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", strings.Join(methods, ", "))
			writeError(w, http.StatusMethodNotAllowed, r.Method+" not allowed on "+path+": "+strings.Join(methods, ", "))
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such route: "+r.Method+" "+r.URL.Path)
	})
	s.handler = mux
	return s
}

// Handler serves every route.
func (s *Server) Handler() http.Handler { return s.handler }

// Registry is the server's Prometheus registry (for tests and embedding).
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }

// Serve answers on l until ctx ends, then stops accepting, lets requests
// in flight finish for up to ShutdownGrace and returns.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	s.log.Info("serving", "addr", l.Addr().String(), "store", s.store.Dialect())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", ShutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// wrap adds to a route: the body limit, authentication (unless public),
// logging and metrics labelled by the route's pattern.
func (s *Server) wrap(rt route) http.Handler {
	pattern := rt.Method + " " + rt.Path
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		r.Body = http.MaxBytesReader(sw, r.Body, rt.maxBody())
		var who string
		if rt.Public {
			rt.Handle(sw, r, nil)
		} else if c, err := s.authenticate(r); err != nil {
			sw.Header().Set("WWW-Authenticate", `Bearer realm="gridflex"`)
			writeError(sw, http.StatusUnauthorized, err.Error())
		} else {
			who = c.User.ID
			rt.Handle(sw, r, c)
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		s.metrics.observe(pattern, sw.status, d)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("route", pattern), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", d), slog.String("user", who))
	})
}
