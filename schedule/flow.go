package schedule

// network is a flow network for Dinic's algorithm with int64 capacities:
// arcs in compressed rows per tail node, each arc paired with its reverse.
type network struct {
	n     int
	first []int32 // arcs of node u are first[u]..first[u+1]-1
	to    []int32
	rev   []int32 // index of the reverse arc
	cap   []int64 // residual capacity
	level []int32
	iter  []int32
	queue []int32
}

// edge is a forward edge before the network is built.
type edge struct {
	from, to int32
}

// newNetwork builds the arcs of the given edges; capacities are set later
// with setCap on the returned forward-arc indices.
func newNetwork(n int, edges []edge) (*network, []int32) {
	g := &network{n: n, first: make([]int32, n+1)}
	for _, e := range edges {
		g.first[e.from+1]++
		g.first[e.to+1]++
	}
	for u := 0; u < n; u++ {
		g.first[u+1] += g.first[u]
	}
	m := 2 * len(edges)
	g.to = make([]int32, m)
	g.rev = make([]int32, m)
	g.cap = make([]int64, m)
	pos := make([]int32, n)
	copy(pos, g.first[:n])
	fwd := make([]int32, len(edges))
	for i, e := range edges {
		a, b := pos[e.from], pos[e.to]
		pos[e.from]++
		pos[e.to]++
		g.to[a], g.rev[a] = e.to, b
		g.to[b], g.rev[b] = e.from, a
		fwd[i] = a
	}
	g.level = make([]int32, n)
	g.iter = make([]int32, n)
	g.queue = make([]int32, 0, n)
	return g, fwd
}

// setCap sets the capacity of forward arc a and clears its reverse (no flow).
func (g *network) setCap(a int32, c int64) {
	g.cap[a] = c
	g.cap[g.rev[a]] = 0
}

// flowOn is the flow on forward arc a: the residual of its reverse.
func (g *network) flowOn(a int32) int64 { return g.cap[g.rev[a]] }

// maxFlow returns the maximum s–t flow for the current capacities; after it
// returns, reachable(u) tells the source side of a minimum cut.
func (g *network) maxFlow(s, t int32) int64 {
	var total int64
	for g.bfs(s, t) {
		copy(g.iter, g.first[:g.n])
		for {
			f := g.dfs(s, t, 1<<62)
			if f == 0 {
				break
			}
			total += f
		}
	}
	return total
}

func (g *network) bfs(s, t int32) bool {
	for i := range g.level {
		g.level[i] = -1
	}
	g.level[s] = 0
	q := append(g.queue[:0], s)
	for h := 0; h < len(q); h++ {
		u := q[h]
		for a := g.first[u]; a < g.first[u+1]; a++ {
			if v := g.to[a]; g.cap[a] > 0 && g.level[v] < 0 {
				g.level[v] = g.level[u] + 1
				q = append(q, v)
			}
		}
	}
	g.queue = q
	return g.level[t] >= 0
}

func (g *network) dfs(u, t int32, f int64) int64 {
	if u == t {
		return f
	}
	var pushed int64
	for ; g.iter[u] < g.first[u+1]; g.iter[u]++ {
		a := g.iter[u]
		v := g.to[a]
		if g.cap[a] <= 0 || g.level[v] != g.level[u]+1 {
			continue
		}
		if d := g.dfs(v, t, min(f-pushed, g.cap[a])); d > 0 {
			g.cap[a] -= d
			g.cap[g.rev[a]] += d
			pushed += d
			if pushed == f {
				return pushed
			}
		}
	}
	return pushed
}

// reachable reports whether u is on the source side of the minimum cut
// found by the last maxFlow (its final BFS could not reach the sink).
func (g *network) reachable(u int32) bool { return g.level[u] >= 0 }
