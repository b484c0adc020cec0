"""Training workstations: plainly fictitious people and cases for learning the app safely."""
