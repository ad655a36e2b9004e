package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"gridflex/store"
)

// caller is who makes a request: the token's user and its organisation.
type caller struct {
	User store.User
	Org  store.Organisation
}

// scope is what the caller may read: its organisation's. An operator's
// admin sees its own areas too, not every operator's; the zero scope
// stays with the command line.
func (c *caller) scope() store.Scope { return store.Scope{Org: c.Org.ID} }

// actor names the caller in the audit log.
func (c *caller) actor() store.Actor { return store.Actor("user:" + c.User.ID) }

// roleKind is the organisation kind each role belongs to.
var roleKind = map[store.Role]store.OrgKind{
	store.RoleAdmin:   store.GridOperator,
	store.RoleAnalyst: store.GridOperator,
	store.RoleCSP:     store.CSP,
	store.RoleCompany: store.Company,
}

// RoleKind is the organisation kind a role belongs to: admin and analyst
// to a grid operator, csp to a CSP, company to a company; false for an
// unknown role.
func RoleKind(r store.Role) (store.OrgKind, bool) {
	k, ok := roleKind[r]
	return k, ok
}

var errUnauthenticated = errors.New("missing or invalid bearer token")

// maxTokenBytes bounds what is hashed: a token is 43 characters.
const maxTokenBytes = 256

// authenticate resolves the bearer token to a caller. Every failure says
// the same, so a client learns nothing about which part was wrong.
func (s *Server) authenticate(r *http.Request) (*caller, error) {
	h := r.Header.Get("Authorization")
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" || len(secret) > maxTokenBytes {
		return nil, errUnauthenticated
	}
	u, err := s.store.TokenUser(r.Context(), secret)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.log.Error("token lookup", "err", err)
		}
		return nil, errUnauthenticated
	}
	o, err := s.store.GetOrganisation(r.Context(), u.Org)
	if err != nil {
		return nil, errUnauthenticated
	}
	if roleKind[u.Role] != o.Kind {
		s.log.Warn("role does not fit organisation", "user", u.ID, "role", u.Role, "org", o.ID, "kind", o.Kind)
		return nil, fmt.Errorf("%w: role %s does not fit a %s organisation", errUnauthenticated, u.Role, o.Kind)
	}
	return &caller{User: u, Org: o}, nil
}

// contractTransitions says which state changes each role may make to a
// contract it can see. A company or its CSP signs or opts out; the grid
// operator's admin activates and ends; an analyst reads only.
var contractTransitions = map[store.Role][]store.ContractState{
	store.RoleAdmin:   {store.Active, store.Ended, store.OptedOut},
	store.RoleCompany: {store.Signed, store.OptedOut},
	store.RoleCSP:     {store.Signed, store.OptedOut},
}

// mayMoveContract reports whether c may move contract k to state to. The
// caller already sees k (its scope found it); what remains is whether its
// role and its relation to k allow the change.
func (c *caller) mayMoveContract(k store.Contract, to store.ContractState) bool {
	allowed := false
	for _, st := range contractTransitions[c.User.Role] {
		allowed = allowed || st == to
	}
	if !allowed {
		return false
	}
	switch c.User.Role {
	case store.RoleCompany:
		return k.Owner == c.Org.ID
	case store.RoleCSP:
		return k.CSP == c.Org.ID
	}
	// An operator sees a contract only through a connection in its area.
	return c.Org.Kind == store.GridOperator
}
