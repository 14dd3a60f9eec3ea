"""Downloads under /export/…: the follow-up as Excel and Word, the plan as Word, and the
city-wide lägesbild for KS. Each builder takes what the services gathered and returns bytes;
nothing here queries by itself."""
