package store

// SetHook makes db call hook at named points inside its write
// transactions, so a test can stop a process in the middle of one.
func SetHook(db *DB, hook func(point string)) { db.hook = hook }
