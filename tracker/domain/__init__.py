"""Pure domain code: no database, no mail, no clock. Everything here is a function of its arguments."""
