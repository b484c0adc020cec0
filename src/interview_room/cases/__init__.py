"""The station's cases: the register of interviews with their pseudonymous codes."""
