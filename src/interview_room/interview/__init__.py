"""A screening interview in progress: answers saved one by one, breaks, stops and decisions."""
