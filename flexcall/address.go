package flexcall

import "gridflex/ean"

// congestionPoint is the strict UFTP address of a connection: gridflex
// verifies the GS1 check digit of every address it creates itself.
func congestionPoint(connection string) (string, error) {
	return ean.CongestionPoint(connection)
}
