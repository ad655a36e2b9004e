package store

// The scope rules, one SQL condition per entity, so every read of an
// entity applies the same rule. Each takes the organisation ID as many
// times as it has placeholders (args repeats it).

// connectionVisible: the owner, the operator of its area, or a CSP with a
// contract for it.
const connectionVisible = `(owner_org = ? OR area_id IN (SELECT id FROM areas WHERE operator_org = ?)
	OR ean IN (SELECT connection_ean FROM contracts WHERE csp_org = ?))`

// areaVisible: the operator, or an organisation with a connection or a
// request in it.
const areaVisible = `(operator_org = ? OR id IN (SELECT area_id FROM connections WHERE owner_org = ?)
	OR id IN (SELECT area_id FROM requests WHERE requester_org = ?))`

// contractVisible: the owner, the CSP, or the operator of the
// connection's area.
const contractVisible = `(owner_org = ? OR csp_org = ? OR connection_ean IN
	(SELECT c.ean FROM connections c JOIN areas a ON c.area_id = a.id WHERE a.operator_org = ?))`

// requestVisible: the requester or the area's operator.
const requestVisible = `(requester_org = ? OR area_id IN (SELECT id FROM areas WHERE operator_org = ?))`

// jobVisible: the owner.
const jobVisible = `(owner_org = ?)`

// where returns " AND cond" with its arguments for a scoped read, or
// nothing for the zero scope.
func (s Scope) where(cond string) (string, []any) {
	if s.Org == "" {
		return "", nil
	}
	n := 0
	for i := 0; i < len(cond); i++ {
		if cond[i] == '?' {
			n++
		}
	}
	args := make([]any, n)
	for i := range args {
		args[i] = s.Org
	}
	return " AND " + cond, args
}
