package compensation

// DatacenterOption is one row of the study's qualitative table of
// datacenter flexibility options (study-model.md §4, study §7.5). The study
// gives no euro figure; none is invented here.
type DatacenterOption struct {
	Number    int    `json:"number"`
	When      string `json:"when"`      // "now" or "future"
	Option    string `json:"option"`    // what the datacenter does
	Incentive string `json:"incentive"` // financial incentive needed, as the study words it
}

// DatacenterOptions returns the six options of §4 in the study's order.
// They are facts of the study's text, not assumptions, so they are a table
// here rather than scenario parameters (which hold numbers).
func DatacenterOptions() []DatacenterOption {
	return []DatacenterOption{
		{1, "now", "load shifting at larger enterprise datacenters", "limited, if IT capacity is available anyway"},
		{2, "now", "load shifting at hyperscale datacenters", "high (gives up optimisation room)"},
		{3, "now", "hybrid cooling: switch to the efficient mode in peaks", "limited"},
		{4, "future", "load shifting at AI datacenters", "relatively high"},
		{5, "future", "operating within variable temperature ranges", "limited"},
		{6, "future", "load shifting at colocation sites", "relatively high"},
	}
}

// datacenterMeasure is flexible cooling (§4), the one datacenter measure
// the potential model quantifies. It has no euro figure; its incentive is
// that of the cooling-related options 3 and 5. The study adds that access to
// extra grid capacity matters more than money.
func datacenterMeasure() Measure {
	return Measure{
		ID: "datacenters.cooling", Sector: "datacenters", Name: "datacenter flexible cooling",
		Priced:    false,
		Incentive: "limited (§4 options 3 and 5); access to extra grid capacity matters most",
		Low:       Estimate{Source: Qualitative, Basis: "no euro figure in the study (§4)"},
		High:      Estimate{Source: Qualitative, Basis: "no euro figure in the study (§4)"},
	}
}
