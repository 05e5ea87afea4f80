"""The data layer, pure Python and no Qt: dates, the model, problems, loading and validation,
queries, the view state, figure specs and label placement. Everything above it (render, ui, the
command line) may import it; it imports none of them (import-linter checks this)."""
